using System.Reflection;

namespace ProfileHub.Testing;

/// <summary>
/// Where the repository and the built server live, seen from a test assembly; test projects build the server
/// (ProjectReference) in their own configuration, which this library shares.
/// </summary>
public static class RepositoryLayout
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The directory holding ProfileHub.sln.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>"Debug" or "Release": the configuration the test assemblies were built with.</summary>
    public static string Configuration { get; } =
        typeof(RepositoryLayout).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    /// <summary>The server's output directory (also its content root, so appsettings.json is read as in production).</summary>
    public static string ServerDirectory => Path.Combine(Root, "src", "ProfileHub.Server", "bin", Configuration, "net10.0");

    /// <summary>The server assembly started with <c>dotnet</c>.</summary>
    public static string ServerAssembly => Path.Combine(ServerDirectory, "ProfileHub.Server.dll");

    /// <summary>A file under samples/.</summary>
    public static string Sample(string name) => Path.Combine(Root, "samples", name);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ProfileHub.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"ProfileHub.sln not found above {AppContext.BaseDirectory}.");
    }
}

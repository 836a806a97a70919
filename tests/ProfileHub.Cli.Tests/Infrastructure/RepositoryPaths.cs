namespace ProfileHub.Cli.Tests.Infrastructure;

/// <summary>Where the built server, CLI and samples are, from the test assembly's own location.</summary>
public static class RepositoryPaths
{
    private static readonly DirectoryInfo TestOutput = new(AppContext.BaseDirectory);

    public static string Root { get; } = FindRoot();

    /// <summary>Debug or Release: the same configuration the tests were built with.</summary>
    public static string Configuration { get; } = TestOutput.Parent!.Name;

    public static string ServerDll => Path.Combine(Root, "src", "ProfileHub.Server", "bin", Configuration, "net10.0", "ProfileHub.Server.dll");

    public static string CliDll => Path.Combine(AppContext.BaseDirectory, "profilehub.dll");

    public static string Sample(string name) => Path.Combine(Root, "samples", name);

    private static string FindRoot()
    {
        for (var directory = TestOutput; directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ProfileHub.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("ProfileHub.sln not found above " + AppContext.BaseDirectory);
    }
}

namespace ProfileHub.Deploy.Tests;

/// <summary>The repository root, found from the test assembly's location.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "ProfileHub.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("ProfileHub.sln not found above " + AppContext.BaseDirectory);
    }
}

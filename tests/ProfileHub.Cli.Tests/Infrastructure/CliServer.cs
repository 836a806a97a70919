namespace ProfileHub.Cli.Tests.Infrastructure;

/// <summary>Starts the shared <see cref="ProfileHubServerProcess"/> with text logs, configured through environment variables as an operator would.</summary>
public static class CliServer
{
    /// <summary>Starts the server with <paramref name="settings"/> (environment variables) and waits until it is SERVING.</summary>
    public static Task<ProfileHubServerProcess> StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var variables = new Dictionary<string, string> { ["ProfileHub__Logging__Format"] = "text" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            variables[key] = value;
        }

        return ProfileHubServerProcess.StartAsync(new ProfileHubServerOptions { Environment = variables, QuietLogs = false });
    }
}

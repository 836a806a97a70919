namespace ProfileHub.Server.Tests.Observability;

/// <summary>
/// Starts the shared <see cref="ProfileHubServerProcess"/> with a chosen console log format and Information logs,
/// so the observability tests see the real log lines and the real second HTTP/1.1 (metrics) listener.
/// </summary>
public static class ObservedServer
{
    /// <summary>Starts the server with <c>ProfileHub:Logging:Format</c> = <paramref name="logFormat"/> plus <paramref name="settings"/> (environment variables).</summary>
    public static Task<ProfileHubServerProcess> StartAsync(string logFormat, IReadOnlyDictionary<string, string>? settings = null)
    {
        var variables = new Dictionary<string, string>
        {
            ["ProfileHub__Logging__Format"] = logFormat,
            // Per-call logs are what these tests read; appsettings.json keeps them at Warning.
            ["Logging__LogLevel__ProfileHub.Grpc"] = "Information",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            variables[key] = value;
        }

        return ProfileHubServerProcess.StartAsync(new ProfileHubServerOptions { Environment = variables, QuietLogs = false });
    }
}

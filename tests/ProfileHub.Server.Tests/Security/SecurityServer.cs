namespace ProfileHub.Server.Tests.Security;

/// <summary>
/// Starts the shared <see cref="ProfileHubServerProcess"/> the way the security tests configure a server: through
/// environment variables only (auth mode included, so a Production start without one can be refused), with
/// Information logs, ready once it logs the address it serves on (a plain channel cannot probe a TLS listener).
/// </summary>
public static class SecurityServer
{
    /// <summary>Starts the server without waiting; <paramref name="environment"/> adds or overrides variables.</summary>
    public static ProfileHubServerProcess Launch(IReadOnlyDictionary<string, string> environment, string scheme = "http") =>
        ProfileHubServerProcess.Launch(Options(environment, scheme));

    /// <summary>Starts the server and waits until it listens.</summary>
    public static Task<ProfileHubServerProcess> StartAsync(IReadOnlyDictionary<string, string> environment, string scheme = "http") =>
        ProfileHubServerProcess.StartAsync(Options(environment, scheme));

    private static ProfileHubServerOptions Options(IReadOnlyDictionary<string, string> environment, string scheme)
    {
        var variables = new Dictionary<string, string>
        {
            ["Logging__LogLevel__Default"] = "Information",
            ["Logging__Console__FormatterName"] = "simple",
        };
        foreach (var (key, value) in environment)
        {
            variables[key] = value;
        }

        return new ProfileHubServerOptions
        {
            Environment = variables,
            Scheme = scheme,
            AuthMode = null,
            QuietLogs = false,
            WaitFor = ServerReadiness.Listening,
        };
    }
}

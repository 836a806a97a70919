namespace ProfileHub.Testing;

/// <summary>How a <see cref="ProfileHubServerProcess"/> is configured; the defaults are a quiet Development server without auth.</summary>
public sealed record ProfileHubServerOptions
{
    /// <summary>Command-line arguments after the defaults (<c>--Key:Path=value</c>); they win over everything else.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>Environment variables (<c>ProfileHub__Key=value</c>); they replace the defaults of the same name.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>An existing SQLite file to share with another instance; null creates a fresh one in a new temp directory.</summary>
    public string? DatabasePath { get; init; }

    /// <summary>"http" or "https" for the gRPC listener.</summary>
    public string Scheme { get; init; } = "http";

    /// <summary><c>ProfileHub:Auth:Mode</c> to set; null leaves it to appsettings and <see cref="Environment"/>.</summary>
    public string? AuthMode { get; init; } = "none";

    /// <summary>Default log level Warning (host lifetime stays Information) so parallel servers do not flood the output.</summary>
    public bool QuietLogs { get; init; } = true;

    /// <summary>What start-up waits for.</summary>
    public ServerReadiness WaitFor { get; init; } = ServerReadiness.Serving;
}

using System.CommandLine;

namespace ProfileHub.Cli;

/// <summary>Options every command accepts (before or after the command name).</summary>
internal static class GlobalOptions
{
    public const string DefaultAddress = "http://127.0.0.1:5000";

    public static readonly Option<string> Address = new("--address")
    {
        Description = "Server address (http:// for cleartext HTTP/2, https:// for TLS). Env: PROFILEHUB_ADDRESS.",
        Recursive = true,
        DefaultValueFactory = _ => FromEnvironment("PROFILEHUB_ADDRESS") ?? DefaultAddress,
    };

    public static readonly Option<string?> Token = new("--token")
    {
        Description = "Bearer token sent as 'authorization: Bearer <token>'. Env: PROFILEHUB_TOKEN.",
        Recursive = true,
        DefaultValueFactory = _ => FromEnvironment("PROFILEHUB_TOKEN"),
    };

    public static readonly Option<OutputFormat> Output = new("--output", "-o")
    {
        Description = "Output format: table (readable) or json (one JSON document per result).",
        Recursive = true,
        DefaultValueFactory = _ => OutputFormat.Table,
    };

    private static string? FromEnvironment(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}

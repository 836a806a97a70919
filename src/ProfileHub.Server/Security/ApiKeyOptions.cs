namespace ProfileHub.Server.Security;

/// <summary>One static API key: <c>printf %s "$KEY" | sha256sum</c> gives <see cref="Hash"/>.</summary>
public sealed class ApiKeyOptions
{
    /// <summary>The caller's name (the identity in audit logs and rate limits).</summary>
    public string Name { get; set; } = "";

    /// <summary>Hex SHA-256 of the key (64 hex digits, either case).</summary>
    public string Hash { get; set; } = "";

    /// <summary>Scopes the key grants: <c>profiles:read</c>, <c>ingest:write</c>, <c>admin</c>.</summary>
    public List<string> Scopes { get; set; } = [];
}

namespace ProfileHub.Server.Security;

/// <summary>
/// <c>ProfileHub:Auth</c>: how callers prove who they are. <see cref="Mode"/> is a comma-separated
/// list of <c>apikey</c> and <c>jwt</c>, or <c>none</c> (refused in Production).
/// </summary>
public sealed class AuthOptions
{
    public const string SectionName = "ProfileHub:Auth";

    /// <summary><c>none</c> | <c>apikey</c> | <c>jwt</c> | <c>apikey,jwt</c>; null when not configured.</summary>
    public string? Mode { get; set; }

    /// <summary>Static API keys, stored as the hex SHA-256 of the key.</summary>
    public List<ApiKeyOptions> ApiKeys { get; set; } = [];

    /// <summary>JWT bearer validation settings.</summary>
    public JwtOptions Jwt { get; set; } = new();
}

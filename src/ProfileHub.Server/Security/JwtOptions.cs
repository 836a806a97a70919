namespace ProfileHub.Server.Security;

/// <summary><c>ProfileHub:Auth:Jwt</c>: bearer tokens signed by configured keys or an OIDC authority.</summary>
public sealed class JwtOptions
{
    /// <summary>OIDC authority; its discovery document's JWKS supplies signing keys (cached, refreshed).</summary>
    public string? Authority { get; set; }

    /// <summary>Expected <c>iss</c>; defaults to the authority's issuer when an authority is set.</summary>
    public string? Issuer { get; set; }

    /// <summary>Expected <c>aud</c>. Required.</summary>
    public string? Audience { get; set; }

    /// <summary>Signing keys: base64 symmetric keys, or PEM RSA/EC public keys.</summary>
    public List<string> SigningKeys { get; set; } = [];

    /// <summary>Tolerance for <c>exp</c>/<c>nbf</c> (default 2 minutes).</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Claim holding space-separated scopes (default <c>scope</c>; <c>scp</c> is also read).</summary>
    public string ScopeClaim { get; set; } = "scope";

    /// <summary>Allows an http:// authority (tests and local identity providers only).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;
}

using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ProfileHub.Server.Tests.Security;

/// <summary>API keys and JWTs for a secured test server, with the environment that configures it.</summary>
public static class TestCredentials
{
    public const string Issuer = "https://issuer.profilehub.test";
    public const string Audience = "profilehub";
    public const string ReaderKey = "reader-key-9f2c1d";
    public const string IngesterKey = "ingester-key-4b7e0a";
    public const string AdminKey = "admin-key-1c8d55";
    public const string AllScopesKey = "all-scopes-key-77aa01";

    private static readonly byte[] SigningKey = RandomNumberGenerator.GetBytes(32);

    public static Dictionary<string, string> SecuredEnvironment(string mode = "apikey,jwt") => new()
    {
        ["ProfileHub__Auth__Mode"] = mode,
        ["ProfileHub__Auth__ApiKeys__0__Name"] = "reader",
        ["ProfileHub__Auth__ApiKeys__0__Hash"] = Sha256Hex(ReaderKey),
        ["ProfileHub__Auth__ApiKeys__0__Scopes__0"] = "profiles:read",
        ["ProfileHub__Auth__ApiKeys__1__Name"] = "ingester",
        ["ProfileHub__Auth__ApiKeys__1__Hash"] = Sha256Hex(IngesterKey),
        ["ProfileHub__Auth__ApiKeys__1__Scopes__0"] = "ingest:write",
        ["ProfileHub__Auth__ApiKeys__2__Name"] = "operator",
        ["ProfileHub__Auth__ApiKeys__2__Hash"] = Sha256Hex(AdminKey).ToUpperInvariant(),
        ["ProfileHub__Auth__ApiKeys__2__Scopes__0"] = "admin",
        ["ProfileHub__Auth__ApiKeys__3__Name"] = "everything",
        ["ProfileHub__Auth__ApiKeys__3__Hash"] = Sha256Hex(AllScopesKey),
        ["ProfileHub__Auth__ApiKeys__3__Scopes__0"] = "admin",
        ["ProfileHub__Auth__ApiKeys__3__Scopes__1"] = "profiles:read",
        ["ProfileHub__Auth__ApiKeys__3__Scopes__2"] = "ingest:write",
        ["ProfileHub__Auth__Jwt__Issuer"] = Issuer,
        ["ProfileHub__Auth__Jwt__Audience"] = Audience,
        ["ProfileHub__Auth__Jwt__SigningKeys__0"] = Convert.ToBase64String(SigningKey),
        ["ProfileHub__Auth__Jwt__ClockSkew"] = "00:00:05",
    };

    /// <summary>What <c>printf %s "$KEY" | sha256sum</c> prints.</summary>
    public static string Sha256Hex(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static string Jwt(string scope, string audience = Audience, TimeSpan? lifetime = null, string subject = "svc-test", string issuer = Issuer)
    {
        var now = DateTime.UtcNow;
        var life = lifetime ?? TimeSpan.FromMinutes(10);
        var expires = now + life;
        var notBefore = life < TimeSpan.Zero ? expires - TimeSpan.FromMinutes(5) : now.AddSeconds(-30);
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = notBefore,
            NotBefore = notBefore,
            Expires = expires,
            Claims = new Dictionary<string, object> { ["sub"] = subject, ["scope"] = scope },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(SigningKey), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }
}

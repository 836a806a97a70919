using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace ProfileHub.Server.Security;

/// <summary>
/// Validates bearer JWTs: signature (configured keys and/or the authority's JWKS, cached and
/// refreshed by the configuration manager), issuer, audience and lifetime with clock skew.
/// </summary>
internal sealed class JwtAuthenticator
{
    private readonly JwtOptions _options;
    private readonly JsonWebTokenHandler _handler = new();
    private readonly SecurityKey[] _staticKeys;
    private readonly ConfigurationManager<OpenIdConnectConfiguration>? _authority;

    public JwtAuthenticator(JwtOptions options)
    {
        _options = options;
        _staticKeys = [.. options.SigningKeys.Select(JwtSigningKeys.Parse)];
        if (!string.IsNullOrWhiteSpace(options.Authority))
        {
            var metadata = options.Authority.TrimEnd('/') + "/.well-known/openid-configuration";
            _authority = new ConfigurationManager<OpenIdConnectConfiguration>(
                metadata,
                new OpenIdConnectConfigurationRetriever(),
                new HttpDocumentRetriever { RequireHttps = options.RequireHttpsMetadata });
        }
    }

    public static bool LooksLikeJwt(string token) => token.Count(c => c == '.') == 2;

    /// <summary>The token's identity; throws <see cref="CredentialRejectedException"/> with the reason.</summary>
    public async Task<CallerIdentity> AuthenticateAsync(string token, CancellationToken cancellationToken)
    {
        var result = await ValidateAsync(token, refreshed: false, cancellationToken);
        if (!result.IsValid)
        {
            throw new CredentialRejectedException(Reason(result.Exception));
        }

        var claims = result.ClaimsIdentity;
        var subject = claims.FindFirst("sub")?.Value ?? claims.FindFirst("client_id")?.Value ?? claims.FindFirst("azp")?.Value;
        if (string.IsNullOrWhiteSpace(subject))
        {
            throw new CredentialRejectedException("JWT has no sub, client_id or azp claim");
        }

        return new CallerIdentity(subject, "jwt", ScopesOf(claims));
    }

    private async Task<TokenValidationResult> ValidateAsync(string token, bool refreshed, CancellationToken cancellationToken)
    {
        var parameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidIssuer = string.IsNullOrWhiteSpace(_options.Issuer) ? null : _options.Issuer,
            ValidateAudience = true,
            ValidAudience = _options.Audience,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            ClockSkew = _options.ClockSkew,
            IssuerSigningKeys = _staticKeys,
        };
        if (_authority is not null)
        {
            OpenIdConnectConfiguration configuration;
            try
            {
                configuration = await _authority.GetConfigurationAsync(cancellationToken);
            }
            catch (InvalidOperationException)
            {
                throw new CredentialRejectedException("JWT signing keys are unavailable: the authority's metadata could not be fetched");
            }

            parameters.IssuerSigningKeys = [.. _staticKeys, .. configuration.SigningKeys];
            parameters.ValidIssuer ??= configuration.Issuer;
        }

        var result = await _handler.ValidateTokenAsync(token, parameters);
        if (!result.IsValid && !refreshed && _authority is not null && result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // The authority may have rotated its keys since the cached JWKS was fetched.
            _authority.RequestRefresh();
            return await ValidateAsync(token, refreshed: true, cancellationToken);
        }

        return result;
    }

    private HashSet<string> ScopesOf(ClaimsIdentity claims)
    {
        var scopes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var type in (string[])[_options.ScopeClaim, "scope", "scp"])
        {
            foreach (var claim in claims.FindAll(type))
            {
                scopes.UnionWith(claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            }
        }

        return scopes;
    }

    // Names the failed check without echoing the token or its claims.
    private static string Reason(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException => "JWT has expired",
        SecurityTokenNotYetValidException => "JWT is not valid yet",
        SecurityTokenNoExpirationException => "JWT has no expiry",
        SecurityTokenInvalidAudienceException => "JWT audience is not accepted",
        SecurityTokenInvalidIssuerException => "JWT issuer is not accepted",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "JWT signature is not valid",
        SecurityTokenMalformedException or ArgumentException => "JWT is malformed",
        _ => "JWT is not valid",
    };
}

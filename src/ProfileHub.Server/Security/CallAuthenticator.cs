using System.Net;
using Microsoft.Extensions.Options;
using ProfileHub.Grpc;

namespace ProfileHub.Server.Security;

/// <summary>
/// Turns a call's <c>authorization</c> header into a <see cref="CallerIdentity"/> and checks the
/// scope its method needs. Failures are <see cref="RpcException"/>s: UNAUTHENTICATED (missing or
/// invalid credentials) or PERMISSION_DENIED (valid but lacking the scope).
/// </summary>
internal sealed class CallAuthenticator
{
    private const string BearerPrefix = "Bearer ";
    private readonly ApiKeyAuthenticator? _apiKeys;
    private readonly JwtAuthenticator? _jwt;

    public CallAuthenticator(IOptions<AuthOptions> options)
    {
        var settings = options.Value;
        Modes = AuthModeParser.Parse(settings.Mode);
        _apiKeys = Modes.HasFlag(AuthModes.ApiKey) ? new ApiKeyAuthenticator(settings.ApiKeys) : null;
        _jwt = Modes.HasFlag(AuthModes.Jwt) ? new JwtAuthenticator(settings.Jwt) : null;
    }

    public AuthModes Modes { get; }

    public bool Enabled => Modes != AuthModes.None;

    /// <summary>Authenticates and authorizes a call to <paramref name="method"/>, which needs <paramref name="scope"/>.</summary>
    public async Task<CallerIdentity> AuthorizeAsync(string method, string scope, string? authorization, IPAddress? peer, CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            return PeerIdentity(peer);
        }

        var identity = await AuthenticateAsync(authorization, cancellationToken);
        if (!identity.GrantedScopes.Contains(scope))
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, $"caller {identity} lacks scope '{scope}' required by {method}"));
        }

        return identity;
    }

    public static CallerIdentity PeerIdentity(IPAddress? peer)
    {
        var address = peer is { IsIPv4MappedToIPv6: true } ? peer.MapToIPv4() : peer;
        return new CallerIdentity(address?.ToString() ?? "unknown", "peer", new HashSet<string>());
    }

    private async Task<CallerIdentity> AuthenticateAsync(string? authorization, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(authorization))
        {
            throw Unauthenticated("missing credentials: send metadata 'authorization: Bearer <token>'");
        }

        if (!authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            throw Unauthenticated("unsupported authorization scheme: expected 'Bearer <token>'");
        }

        var token = authorization[BearerPrefix.Length..].Trim();
        if (token.Length == 0)
        {
            throw Unauthenticated("missing credentials: the Bearer token is empty");
        }

        try
        {
            if (_jwt is not null && (_apiKeys is null || JwtAuthenticator.LooksLikeJwt(token)))
            {
                return await _jwt.AuthenticateAsync(token, cancellationToken);
            }

            return _apiKeys!.Find(token) ?? throw new CredentialRejectedException(_jwt is null ? "unknown API key" : "unknown API key (and not a JWT)");
        }
        catch (CredentialRejectedException e)
        {
            throw Unauthenticated("invalid credentials: " + e.Message);
        }
    }

    private static RpcException Unauthenticated(string detail) =>
        new(new Status(StatusCode.Unauthenticated, detail));
}

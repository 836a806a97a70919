using ProfileHub.Grpc;

namespace ProfileHub.Server.Security;

/// <summary>
/// First interceptor of every call: protected methods need a credential with the method's scope
/// before any request message is read. The caller goes into <c>Items[CallerIdentity.ItemKey]</c>.
/// </summary>
internal sealed class AuthorizationInterceptor(CallAuthenticator authenticator, CallerRateLimiter limiter) : IGrpcServerInterceptor
{
    /// <summary>
    /// With auth and rate limits off nobody reads the caller of a stage lookup, so those methods skip
    /// this step entirely; admin methods still record the peer for their audit lines.
    /// </summary>
    public bool AppliesTo(string method) =>
        MethodScopes.For(method) is { } scope && (authenticator.Enabled || limiter.Enabled || scope == Scopes.Admin);

    public async ValueTask InvokeAsync(ServerCallContext context, GrpcCallHandler next)
    {
        var scope = MethodScopes.For(context.Method);
        if (scope is not null)
        {
            var http = context.GetHttpContext();
            // The authorization middleware has usually checked this call already; reuse its verdict.
            var identity = http.Items[CallerIdentity.ItemKey] as CallerIdentity
                ?? await authenticator.AuthorizeAsync(context.Method, scope, http.Request.Headers.Authorization, http.Connection.RemoteIpAddress, context.CancellationToken);
            context.Items[CallerIdentity.ItemKey] = identity;
        }

        await next(context);
    }
}

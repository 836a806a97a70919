using ProfileHub.Grpc;

namespace ProfileHub.Server.Security;

/// <summary>
/// First interceptor of every call: protected methods need a credential with the method's scope
/// before any request message is read. The caller goes into <c>Items[CallerIdentity.ItemKey]</c>.
/// </summary>
internal sealed class AuthorizationInterceptor(CallAuthenticator authenticator) : IGrpcServerInterceptor
{
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

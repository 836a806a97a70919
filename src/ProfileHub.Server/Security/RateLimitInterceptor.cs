using ProfileHub.Grpc;

namespace ProfileHub.Server.Security;

/// <summary>Second interceptor: spends one of the caller's tokens per call to a protected method.</summary>
internal sealed class RateLimitInterceptor(CallerRateLimiter limiter) : IGrpcServerInterceptor
{
    /// <summary>Only protected methods spend tokens, and only while a limit is configured.</summary>
    public bool AppliesTo(string method) => limiter.Enabled && MethodScopes.For(method) is not null;

    public ValueTask InvokeAsync(ServerCallContext context, GrpcCallHandler next)
    {
        if (limiter.Enabled && context.Items.TryGetValue(CallerIdentity.ItemKey, out var item) && item is CallerIdentity caller)
        {
            limiter.Acquire(caller);
        }

        return next(context);
    }
}

namespace ProfileHub.Grpc;

/// <summary>
/// Wraps every server call (all four kinds). Interceptors run in DI registration order, the first
/// registered outermost. Throw <see cref="RpcException"/> to fail the call (for example on failed
/// authentication); exceptions from the next handler propagate through.
/// </summary>
public interface IGrpcServerInterceptor
{
    /// <summary>Runs around the call.</summary>
    /// <param name="context">The call context.</param>
    /// <param name="next">Invokes the rest of the pipeline.</param>
    /// <returns>Completes when the call (as seen from this interceptor) is done.</returns>
    ValueTask InvokeAsync(ServerCallContext context, GrpcCallHandler next);

    /// <summary>
    /// Whether this interceptor takes part in calls to <paramref name="method"/>. Asked once per bound
    /// method when its pipeline is built at start-up, so an interceptor whose feature is switched off
    /// (or that guards other methods only) costs those calls nothing.
    /// </summary>
    /// <param name="method">The full method name, "/package.Service/Method".</param>
    /// <returns>False to leave the method's pipeline without this interceptor.</returns>
    bool AppliesTo(string method) => true;
}

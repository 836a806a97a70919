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
}

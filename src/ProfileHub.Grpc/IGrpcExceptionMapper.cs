namespace ProfileHub.Grpc;

/// <summary>
/// Maps an application exception to a status (domain validation → INVALID_ARGUMENT, not found → NOT_FOUND …).
/// Register implementations in DI; they are asked in registration order after <see cref="RpcException"/>
/// and deadline/cancellation handling, and before the INTERNAL fallback.
/// </summary>
public interface IGrpcExceptionMapper
{
    /// <summary>Maps the exception when this mapper knows it.</summary>
    /// <param name="exception">The exception thrown by a handler or interceptor.</param>
    /// <param name="status">The status to send; its detail goes to the client, so keep internals out of it.</param>
    /// <returns>True when the exception was mapped.</returns>
    bool TryMap(Exception exception, out Status status);
}

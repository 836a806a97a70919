using ProfileHub.Core.Errors;
using ProfileHub.Grpc;
using ProfileHub.Storage;

namespace ProfileHub.Server.Errors;

/// <summary>
/// The one place where domain failures become gRPC statuses. Anything not listed here is an
/// unexpected failure: the transport answers INTERNAL with a generic message and logs the detail.
/// </summary>
internal sealed class ProfileHubExceptionMapper : IGrpcExceptionMapper
{
    public bool TryMap(Exception exception, out Status status)
    {
        status = exception switch
        {
            InvalidFieldException e => new Status(StatusCode.InvalidArgument, e.Message),
            ProfileNotFoundException e => new Status(StatusCode.NotFound, e.Message),
            IdentifierLimitException e => new Status(StatusCode.FailedPrecondition, e.Message),
            RequestTooLargeException e => new Status(StatusCode.ResourceExhausted, e.Message),
            // Not the caller's fault and not retryable here until an operator restarts the server.
            StoreWritesRefusedException e => new Status(StatusCode.Unavailable, e.Message),
            _ => default,
        };
        return exception is InvalidFieldException or ProfileNotFoundException or IdentifierLimitException or RequestTooLargeException
            or StoreWritesRefusedException;
    }
}

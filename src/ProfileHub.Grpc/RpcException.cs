namespace ProfileHub.Grpc;

/// <summary>
/// A gRPC call ended with a non-OK status. Thrown by handlers to fail a call with a chosen status
/// (and trailers), and by the client when the server answered with a non-OK status.
/// </summary>
public class RpcException : Exception
{
    /// <summary>Creates the exception with a status and no trailers.</summary>
    /// <param name="status">The status of the call.</param>
    public RpcException(Status status)
        : this(status, new Metadata())
    {
    }

    /// <summary>Creates the exception with a status and trailers.</summary>
    /// <param name="status">The status of the call.</param>
    /// <param name="trailers">Trailing metadata sent with (or received with) the status.</param>
    public RpcException(Status status, Metadata trailers)
        : base(status.ToString())
    {
        ArgumentNullException.ThrowIfNull(trailers);
        Status = status;
        Trailers = trailers;
    }

    /// <summary>Creates an exception with <see cref="StatusCode.Unknown"/>; prefer the status constructors.</summary>
    public RpcException()
        : this(new Status(StatusCode.Unknown))
    {
    }

    /// <summary>Creates an exception with <see cref="StatusCode.Unknown"/> and a detail; prefer the status constructors.</summary>
    /// <param name="message">The detail.</param>
    public RpcException(string message)
        : this(new Status(StatusCode.Unknown, message))
    {
    }

    /// <summary>Creates an exception with <see cref="StatusCode.Unknown"/> wrapping another one.</summary>
    /// <param name="message">The detail.</param>
    /// <param name="innerException">The cause.</param>
    public RpcException(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = new Status(StatusCode.Unknown, message);
        Trailers = new Metadata();
    }

    /// <summary>The status of the call.</summary>
    public Status Status { get; }

    /// <summary>The status code of the call.</summary>
    public StatusCode StatusCode => Status.Code;

    /// <summary>Trailing metadata of the call.</summary>
    public Metadata Trailers { get; }
}

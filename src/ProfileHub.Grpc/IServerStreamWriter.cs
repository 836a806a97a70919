namespace ProfileHub.Grpc;

/// <summary>Writes the response messages of a streaming call. Writes must not overlap.</summary>
/// <typeparam name="T">The message type.</typeparam>
public interface IServerStreamWriter<in T>
{
    /// <summary>Sends one message and flushes it to the client.</summary>
    /// <param name="message">The message.</param>
    /// <param name="cancellationToken">Cancels the write (the call's own token is always honoured too).</param>
    /// <returns>Completes when the message has been handed to the transport.</returns>
    Task WriteAsync(T message, CancellationToken cancellationToken = default);
}

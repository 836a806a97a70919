namespace ProfileHub.Grpc.Client;

/// <summary>Writes the request messages of a client-streaming or bidi call.</summary>
/// <typeparam name="T">The message type.</typeparam>
public interface IClientStreamWriter<in T>
{
    /// <summary>Sends one message. Writes must not overlap.</summary>
    /// <param name="message">The message.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>Completes when the message is flushed to the connection.</returns>
    Task WriteAsync(T message, CancellationToken cancellationToken = default);

    /// <summary>Ends the request stream (the server's reader sees the end).</summary>
    /// <returns>Completes when the end of stream is queued.</returns>
    Task CompleteAsync();
}

namespace ProfileHub.Grpc;

/// <summary>Reads the messages of a stream, one at a time.</summary>
/// <typeparam name="T">The message type.</typeparam>
public interface IAsyncStreamReader<out T>
{
    /// <summary>The message read by the last successful <see cref="MoveNext"/>.</summary>
    T Current { get; }

    /// <summary>Advances to the next message.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>True when a message was read; false at the end of the stream.</returns>
    Task<bool> MoveNext(CancellationToken cancellationToken);
}

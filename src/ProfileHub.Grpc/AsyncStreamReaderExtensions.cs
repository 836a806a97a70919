using System.Runtime.CompilerServices;

namespace ProfileHub.Grpc;

/// <summary>Extensions for <see cref="IAsyncStreamReader{T}"/>.</summary>
public static class AsyncStreamReaderExtensions
{
    /// <summary>Reads every remaining message as an async sequence.</summary>
    /// <typeparam name="T">The message type.</typeparam>
    /// <param name="reader">The stream.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The messages in order.</returns>
    public static async IAsyncEnumerable<T> ReadAllAsync<T>(this IAsyncStreamReader<T> reader, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        while (await reader.MoveNext(cancellationToken).ConfigureAwait(false))
        {
            yield return reader.Current;
        }
    }
}

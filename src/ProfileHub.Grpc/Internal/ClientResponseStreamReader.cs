using Google.Protobuf;

namespace ProfileHub.Grpc.Internal;

/// <summary>The response stream of a server-streaming or bidi client call.</summary>
internal sealed class ClientResponseStreamReader<TRequest, TResponse>(ClientCall<TRequest, TResponse> call) : IAsyncStreamReader<TResponse>
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>, new()
{
    private TResponse? _current;

    public TResponse Current => _current ?? throw new InvalidOperationException("MoveNext has not returned true yet.");

    public async Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        var (read, message) = await call.ReadNextAsync(cancellationToken).ConfigureAwait(false);
        _current = message;
        return read;
    }
}

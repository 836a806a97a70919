using Google.Protobuf;

namespace ProfileHub.Grpc.Internal;

/// <summary>The request stream of a client-streaming or bidi call.</summary>
internal sealed class HttpRequestStreamReader<T>(ServerCallContext call, MessageParser<T> parser) : IAsyncStreamReader<T>
    where T : class, IMessage<T>
{
    private T? _current;
    private bool _reading;

    public T Current => _current ?? throw new InvalidOperationException("MoveNext has not returned true yet.");

    public async Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        if (_reading)
        {
            throw new InvalidOperationException("A read is already in progress; reads must not overlap.");
        }

        _reading = true;
        try
        {
            using var linked = cancellationToken.CanBeCanceled
                ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, call.CancellationToken)
                : null;
            var token = linked?.Token ?? call.CancellationToken;
            var (read, message) = await GrpcRequestReader.ReadNextAsync(call, call.GetHttpContext().Request.BodyReader, parser, token);
            _current = message;
            return read;
        }
        finally
        {
            _reading = false;
        }
    }
}

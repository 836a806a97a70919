using Google.Protobuf;

namespace ProfileHub.Grpc.Internal;

/// <summary>The response stream of a server-streaming or bidi call: every message is flushed as it is written.</summary>
internal sealed class HttpResponseStreamWriter<T>(ServerCallContext call) : IServerStreamWriter<T>
    where T : class, IMessage<T>
{
    private bool _writing;

    public async Task WriteAsync(T message, CancellationToken cancellationToken = default)
    {
        if (_writing)
        {
            throw new InvalidOperationException("A write is already in progress; writes must not overlap.");
        }

        _writing = true;
        try
        {
            call.CancellationToken.ThrowIfCancellationRequested();
            using var linked = cancellationToken.CanBeCanceled
                ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, call.CancellationToken)
                : null;
            await GrpcResponseWriter.WriteMessageAsync(call, message, flush: true, linked?.Token ?? call.CancellationToken);
        }
        finally
        {
            _writing = false;
        }
    }
}

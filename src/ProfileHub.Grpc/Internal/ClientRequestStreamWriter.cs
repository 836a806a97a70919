using Google.Protobuf;
using ProfileHub.Grpc.Client;

namespace ProfileHub.Grpc.Internal;

/// <summary>The request stream of a client-streaming or bidi client call.</summary>
internal sealed class ClientRequestStreamWriter<TRequest, TResponse>(ClientCall<TRequest, TResponse> call) : IClientStreamWriter<TRequest>
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>, new()
{
    public Task WriteAsync(TRequest message, CancellationToken cancellationToken = default) => call.WriteAsync(message, cancellationToken);

    public Task CompleteAsync() => call.CompleteRequestAsync();
}

using Google.Protobuf;

namespace ProfileHub.Grpc.Internal;

internal sealed class DuplexStreamingMethodEndpoint<TRequest, TResponse>(GrpcServerRuntime runtime, string method, MessageParser<TRequest> parser, DuplexStreamingServerMethod<TRequest, TResponse> handler, bool cancelOnShutdown)
    : ServerMethodEndpoint(runtime, method, cancelOnShutdown)
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    protected override async ValueTask InvokeHandlerAsync(ServerCallContext call) =>
        await handler(new HttpRequestStreamReader<TRequest>(call, parser), new HttpResponseStreamWriter<TResponse>(call), call);
}

using Google.Protobuf;

namespace ProfileHub.Grpc.Internal;

internal sealed class ServerStreamingMethodEndpoint<TRequest, TResponse>(GrpcServerRuntime runtime, string method, MessageParser<TRequest> parser, ServerStreamingServerMethod<TRequest, TResponse> handler, bool cancelOnShutdown)
    : ServerMethodEndpoint(runtime, method, cancelOnShutdown)
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    protected override async ValueTask InvokeHandlerAsync(ServerCallContext call)
    {
        var request = await GrpcRequestReader.ReadSingleAsync(call, parser);
        await handler(request, new HttpResponseStreamWriter<TResponse>(call), call);
    }
}

using Google.Protobuf;

namespace ProfileHub.Grpc.Internal;

internal sealed class ClientStreamingMethodEndpoint<TRequest, TResponse>(GrpcServerRuntime runtime, string method, MessageParser<TRequest> parser, ClientStreamingServerMethod<TRequest, TResponse> handler, bool cancelOnShutdown)
    : ServerMethodEndpoint(runtime, method, cancelOnShutdown)
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    protected override async ValueTask InvokeHandlerAsync(ServerCallContext call)
    {
        var response = await handler(new HttpRequestStreamReader<TRequest>(call, parser), call)
            ?? throw new InvalidOperationException($"Handler of {call.Method} returned a null response.");
        if (call.Status.Code == StatusCode.OK)
        {
            await GrpcResponseWriter.WriteMessageAsync(call, response, flush: false, call.CancellationToken);
        }
    }
}

using System.Runtime.CompilerServices;
using Google.Protobuf;

namespace ProfileHub.Grpc.Internal;

internal sealed class UnaryMethodEndpoint<TRequest, TResponse>(GrpcServerRuntime runtime, string method, MessageParser<TRequest> parser, UnaryServerMethod<TRequest, TResponse> handler)
    : ServerMethodEndpoint(runtime, method, cancelOnShutdown: false)
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    protected override async ValueTask InvokeHandlerAsync(ServerCallContext call)
    {
        var request = await GrpcRequestReader.ReadSingleAsync(call, parser);
        var response = await handler(request, call)
            ?? throw new InvalidOperationException($"Handler of {call.Method} returned a null response.");
        if (call.Status.Code == StatusCode.OK)
        {
            // No flush: the message leaves together with the trailers when the call completes.
            await GrpcResponseWriter.WriteMessageAsync(call, response, flush: false, call.CancellationToken);
        }
    }
}

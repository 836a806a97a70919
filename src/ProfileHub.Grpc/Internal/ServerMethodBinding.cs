using Google.Protobuf;

namespace ProfileHub.Grpc.Internal;

/// <summary>A typed handler captured by <see cref="GrpcServiceBinder"/>, turned into an endpoint once the runtime exists.</summary>
internal sealed class ServerMethodBinding(Func<GrpcServerRuntime, string, ServerMethodEndpoint> create)
{
    public ServerMethodEndpoint CreateEndpoint(GrpcServerRuntime runtime, string fullMethodName) => create(runtime, fullMethodName);

    public static MessageParser<T> ParserFor<T>()
        where T : class, IMessage<T>, new() => new(static () => new T());
}

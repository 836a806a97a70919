using Google.Protobuf;

namespace ProfileHub.Grpc;

/// <summary>Handles a bidirectional-streaming call.</summary>
/// <typeparam name="TRequest">The request message.</typeparam>
/// <typeparam name="TResponse">The response message.</typeparam>
/// <param name="requestStream">The requests, in order.</param>
/// <param name="responseStream">Where responses are written, in order.</param>
/// <param name="context">The call context.</param>
/// <returns>Completes when the handler is done.</returns>
public delegate Task DuplexStreamingServerMethod<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context)
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>;

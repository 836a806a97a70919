using Google.Protobuf;

namespace ProfileHub.Grpc;

/// <summary>Handles a server-streaming call: one request, any number of responses.</summary>
/// <typeparam name="TRequest">The request message.</typeparam>
/// <typeparam name="TResponse">The response message.</typeparam>
/// <param name="request">The request.</param>
/// <param name="responseStream">Where responses are written, in order.</param>
/// <param name="context">The call context.</param>
/// <returns>Completes when the handler has written every response.</returns>
public delegate Task ServerStreamingServerMethod<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context)
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>;

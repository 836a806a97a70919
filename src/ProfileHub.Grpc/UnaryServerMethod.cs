using Google.Protobuf;

namespace ProfileHub.Grpc;

/// <summary>Handles a unary call: one request, one response.</summary>
/// <typeparam name="TRequest">The request message.</typeparam>
/// <typeparam name="TResponse">The response message.</typeparam>
/// <param name="request">The request.</param>
/// <param name="context">The call context (deadline, metadata, cancellation).</param>
/// <returns>The response.</returns>
public delegate Task<TResponse> UnaryServerMethod<TRequest, TResponse>(TRequest request, ServerCallContext context)
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>;

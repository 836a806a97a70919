namespace ProfileHub.Grpc.Client;

/// <summary>A completed unary call with its metadata.</summary>
/// <typeparam name="TResponse">The response message.</typeparam>
/// <param name="Response">The response.</param>
/// <param name="ResponseHeaders">Response headers.</param>
/// <param name="Trailers">Response trailers.</param>
/// <param name="Status">The call's status (always OK: a non-OK status throws <see cref="RpcException"/>).</param>
public sealed record UnaryCallResult<TResponse>(TResponse Response, Metadata ResponseHeaders, Metadata Trailers, Status Status);

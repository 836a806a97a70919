namespace ProfileHub.Grpc;

/// <summary>The rest of the call pipeline: further interceptors, then the method handler.</summary>
/// <param name="context">The call context.</param>
/// <returns>Completes when the call's handler has finished.</returns>
public delegate ValueTask GrpcCallHandler(ServerCallContext context);

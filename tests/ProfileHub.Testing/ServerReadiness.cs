namespace ProfileHub.Testing;

/// <summary>What <see cref="ProfileHubServerProcess.StartAsync(ProfileHubServerOptions, CancellationToken)"/> waits for.</summary>
public enum ServerReadiness
{
    /// <summary>grpc.health.v1 Check for "" answers SERVING over plain-text HTTP/2.</summary>
    Serving,

    /// <summary>The server logged its "serving gRPC on" line (for TLS listeners a plain channel cannot probe; needs Information logs).</summary>
    Listening,
}

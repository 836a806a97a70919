namespace ProfileHub.Grpc.Client;

/// <summary>Per-call options (use named arguments: <c>new CallOptions(Deadline: …, CancellationToken: …)</c>).</summary>
/// <param name="Headers">Request metadata.</param>
/// <param name="Deadline">UTC deadline: sent as grpc-timeout and enforced locally (DEADLINE_EXCEEDED).</param>
/// <param name="WriteGzip">Compress request messages with gzip.</param>
/// <param name="CancellationToken">Cancels the call (CANCELLED; the HTTP/2 stream is reset).</param>
public readonly record struct CallOptions(
    Metadata? Headers = null,
    DateTime? Deadline = null,
    bool WriteGzip = false,
    CancellationToken CancellationToken = default);

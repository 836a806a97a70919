namespace ProfileHub.Grpc;

/// <summary>Server-wide transport settings (bind from configuration section "Grpc").</summary>
public sealed class GrpcServerOptions
{
    /// <summary>Largest request message accepted, in bytes (default 4 MiB); larger → RESOURCE_EXHAUSTED.</summary>
    public int MaxReceiveMessageSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>Largest response message sent, in bytes (default 4 MiB); larger → RESOURCE_EXHAUSTED.</summary>
    public int MaxSendMessageSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>"gzip" to compress responses for clients that accept it; null (default) sends them uncompressed.</summary>
    public string? ResponseCompressionAlgorithm { get; set; }
}

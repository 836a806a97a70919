namespace ProfileHub.Grpc.Internal;

/// <summary>
/// The status details the transport sends for requests that break the gRPC wire protocol. Each is a fixed
/// text (no client bytes echoed back) so a client, a log search or a test can tell one fault from another;
/// none of them is the generic "Internal error" reserved for server faults.
/// </summary>
internal static class ProtocolViolations
{
    /// <summary>INVALID_ARGUMENT detail prefix for a payload the protobuf parser rejects; a short reason follows.</summary>
    public const string InvalidProtobufPrefix = "request message is not valid protobuf: ";

    /// <summary>INTERNAL: a unary or server-streaming request ended without a message.</summary>
    public const string MissingMessage = "Request did not contain a message.";

    /// <summary>INTERNAL: the request ended inside a message (header or payload cut short).</summary>
    public const string TruncatedMessage = "Request ended in the middle of a message.";

    /// <summary>INTERNAL: a unary or server-streaming request carried a second message.</summary>
    public const string ExtraMessage = "Request contained more than one message for a method that takes one.";

    /// <summary>INTERNAL: the compressed-flag byte of a message frame was neither 0 nor 1.</summary>
    public const string InvalidCompressedFlag = "Invalid compressed flag in message frame.";

    /// <summary>INTERNAL (PROTOCOL-HTTP2: the flag must be 0 when grpc-encoding is absent).</summary>
    public const string CompressedWithoutEncoding = "Request message is flagged compressed but the request has no grpc-encoding.";

    /// <summary>INTERNAL: a message flagged compressed is not valid gzip (either direction).</summary>
    public const string UndecompressableMessage = "Message flagged compressed could not be decompressed with gzip.";
}

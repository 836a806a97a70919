using System.Buffers;
using System.Buffers.Binary;

namespace ProfileHub.Grpc.Internal;

/// <summary>The length-prefixed message framing: 1 byte compressed flag, 4 bytes big-endian length, payload.</summary>
internal static class GrpcFrame
{
    /// <summary>
    /// Reads one frame from the front of <paramref name="buffer"/>. Returns false when more bytes are needed
    /// (buffer untouched); throws RESOURCE_EXHAUSTED as soon as the header shows an oversize message and
    /// INTERNAL for an invalid compressed flag.
    /// </summary>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, int maxMessageSize, out bool compressed, out ReadOnlySequence<byte> payload)
    {
        compressed = false;
        payload = default;
        if (buffer.Length < GrpcProtocol.HeaderSize)
        {
            return false;
        }

        Span<byte> header = stackalloc byte[GrpcProtocol.HeaderSize];
        buffer.Slice(0, GrpcProtocol.HeaderSize).CopyTo(header);
        compressed = header[0] switch
        {
            0 => false,
            1 => true,
            _ => throw new RpcException(new Status(StatusCode.Internal, ProtocolViolations.InvalidCompressedFlag)),
        };
        var length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        if (length > (uint)maxMessageSize)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted, "Received message exceeds the maximum configured message size."));
        }

        if (buffer.Length < GrpcProtocol.HeaderSize + length)
        {
            return false;
        }

        payload = buffer.Slice(GrpcProtocol.HeaderSize, length);
        buffer = buffer.Slice(payload.End);
        return true;
    }

    public static void WriteHeader(Span<byte> destination, bool compressed, int length)
    {
        destination[0] = compressed ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32BigEndian(destination[1..], (uint)length);
    }
}

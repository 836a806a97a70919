using System.Buffers;
using System.IO.Compression;

namespace ProfileHub.Grpc.Internal;

/// <summary>The "gzip" message encoding, applied per message (not per stream) as gRPC requires.</summary>
internal static class GzipCodec
{
    public static byte[] Compress(ReadOnlySpan<byte> data)
    {
        using var output = new MemoryStream(data.Length / 2 + 32);
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    /// <summary>Inflates, refusing to produce more than <paramref name="maxSize"/> bytes (a zip bomb must not exhaust memory).</summary>
    public static byte[] Decompress(ReadOnlySequence<byte> data, int maxSize)
    {
        var input = data.IsSingleSegment ? new MemoryStream(data.First.ToArray()) : new MemoryStream(data.ToArray());
        using (input)
        using (var gzip = new GZipStream(input, CompressionMode.Decompress))
        using (var output = new MemoryStream())
        {
            var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
            try
            {
                int read;
                while ((read = ReadChunk(gzip, chunk)) > 0)
                {
                    if (output.Length + read > maxSize)
                    {
                        throw new RpcException(new Status(StatusCode.ResourceExhausted, "Received message exceeds the maximum configured message size."));
                    }

                    output.Write(chunk, 0, read);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(chunk);
            }

            return output.ToArray();
        }
    }

    private static int ReadChunk(GZipStream gzip, byte[] chunk)
    {
        try
        {
            return gzip.Read(chunk, 0, chunk.Length);
        }
        catch (InvalidDataException)
        {
            throw new RpcException(new Status(StatusCode.Internal, ProtocolViolations.UndecompressableMessage));
        }
    }
}

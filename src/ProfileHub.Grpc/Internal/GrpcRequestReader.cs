using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using Google.Protobuf;

namespace ProfileHub.Grpc.Internal;

/// <summary>Reads length-prefixed request messages from Kestrel's request body pipe.</summary>
/// <remarks>
/// Status policy for requests a client got wrong (the texts are the constants of <see cref="ProtocolViolations"/>):
/// <list type="bullet">
/// <item>a payload that is not valid protobuf (any parser error: truncated or oversized length fields, varints
/// longer than 10 bytes, invalid tags or wire types, recursion limit exceeded, invalid UTF-8 in a string field)
/// → INVALID_ARGUMENT "request message is not valid protobuf: &lt;short reason&gt;";</item>
/// <item>a message over the receive limit, before or after gzip inflation → RESOURCE_EXHAUSTED;</item>
/// <item>an unsupported grpc-encoding → UNIMPLEMENTED listing the supported encodings (PROTOCOL-HTTP2 / compression.md);</item>
/// <item>framing faults, which PROTOCOL-HTTP2 treats as protocol errors → INTERNAL, each with its own text:
/// compressed flag set without grpc-encoding, a compressed flag other than 0 or 1, a gzip payload that does not
/// inflate, a request that ends inside a frame, no message for a unary or server-streaming method, and a second
/// message for one.</item>
/// </list>
/// None of these is the generic "Internal error; see server log" answer, which is reserved for server faults.
/// </remarks>
internal static class GrpcRequestReader
{
    /// <summary>Reads the only message of a unary or server-streaming request, up to the end of the request stream.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<T> ReadSingleAsync<T>(ServerCallContext call, MessageParser<T> parser)
        where T : IMessage<T>
    {
        var reader = call.GetHttpContext().Request.BodyReader;
        var maxSize = call.Runtime.Options.MaxReceiveMessageSize;
        while (true)
        {
            var result = await reader.ReadAsync(call.CancellationToken);
            var buffer = result.Buffer;
            if (result.IsCanceled)
            {
                reader.AdvanceTo(buffer.Start);
                throw new OperationCanceledException(call.CancellationToken);
            }

            if (!result.IsCompleted)
            {
                // Peek so an oversize message fails at its header, before megabytes of it are buffered.
                var probe = buffer;
                try
                {
                    GrpcFrame.TryRead(ref probe, maxSize, out _, out _);
                }
                finally
                {
                    reader.AdvanceTo(buffer.Start, buffer.End);
                }

                continue;
            }

            try
            {
                if (!GrpcFrame.TryRead(ref buffer, maxSize, out var compressed, out var payload))
                {
                    throw new RpcException(new Status(StatusCode.Internal, buffer.IsEmpty ? ProtocolViolations.MissingMessage : ProtocolViolations.TruncatedMessage));
                }

                if (!buffer.IsEmpty)
                {
                    throw new RpcException(new Status(StatusCode.Internal, ProtocolViolations.ExtraMessage));
                }

                return Deserialize(call, parser, payload, compressed);
            }
            finally
            {
                reader.AdvanceTo(result.Buffer.End);
            }
        }
    }

    /// <summary>Reads the next message of a request stream; default when the stream ended cleanly.</summary>
    public static async ValueTask<(bool Read, T? Message)> ReadNextAsync<T>(ServerCallContext call, PipeReader reader, MessageParser<T> parser, CancellationToken cancellationToken)
        where T : class, IMessage<T>
    {
        var maxSize = call.Runtime.Options.MaxReceiveMessageSize;
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            if (result.IsCanceled)
            {
                reader.AdvanceTo(buffer.Start);
                throw new OperationCanceledException(cancellationToken);
            }

            bool framed;
            bool compressed;
            ReadOnlySequence<byte> payload;
            try
            {
                framed = GrpcFrame.TryRead(ref buffer, maxSize, out compressed, out payload);
            }
            catch
            {
                reader.AdvanceTo(result.Buffer.End);
                throw;
            }

            if (framed)
            {
                try
                {
                    return (true, Deserialize(call, parser, payload, compressed));
                }
                finally
                {
                    reader.AdvanceTo(buffer.Start);
                }
            }

            if (result.IsCompleted)
            {
                var partial = !buffer.IsEmpty;
                reader.AdvanceTo(buffer.End);
                if (partial)
                {
                    throw new RpcException(new Status(StatusCode.Internal, ProtocolViolations.TruncatedMessage));
                }

                return (false, null);
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static T Deserialize<T>(ServerCallContext call, MessageParser<T> parser, ReadOnlySequence<byte> payload, bool compressed)
        where T : IMessage<T> =>
        RequestMessageDecoder.Decode(parser, payload, compressed, call.RequestEncoding, call.Runtime.Options.MaxReceiveMessageSize);
}

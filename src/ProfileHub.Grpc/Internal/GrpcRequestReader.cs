using System.Buffers;
using System.IO.Pipelines;
using Google.Protobuf;

namespace ProfileHub.Grpc.Internal;

/// <summary>Reads length-prefixed request messages from Kestrel's request body pipe.</summary>
internal static class GrpcRequestReader
{
    /// <summary>Reads the only message of a unary or server-streaming request, up to the end of the request stream.</summary>
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
                    throw new RpcException(new Status(StatusCode.Internal, buffer.IsEmpty ? "Request did not contain a message." : "Request ended in the middle of a message."));
                }

                if (!buffer.IsEmpty)
                {
                    throw new RpcException(new Status(StatusCode.Internal, "Request contained more than one message for a method that takes one."));
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
                    throw new RpcException(new Status(StatusCode.Internal, "Request stream ended in the middle of a message."));
                }

                return (false, null);
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static T Deserialize<T>(ServerCallContext call, MessageParser<T> parser, ReadOnlySequence<byte> payload, bool compressed)
        where T : IMessage<T>
    {
        try
        {
            if (!compressed)
            {
                return parser.ParseFrom(payload);
            }

            if (call.RequestEncoding is null)
            {
                throw new RpcException(new Status(StatusCode.Internal, "Request message is flagged compressed but the request has no grpc-encoding."));
            }

            return parser.ParseFrom(GzipCodec.Decompress(payload, call.Runtime.Options.MaxReceiveMessageSize));
        }
        catch (InvalidProtocolBufferException)
        {
            throw new RpcException(new Status(StatusCode.Internal, "Failed to deserialize the request message."));
        }
    }
}

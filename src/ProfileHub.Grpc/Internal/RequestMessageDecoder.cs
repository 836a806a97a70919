using System.Buffers;
using System.Text;
using Google.Protobuf;

namespace ProfileHub.Grpc.Internal;

/// <summary>
/// Turns one request frame's payload into a message. Everything a client can get wrong here ends as an
/// <see cref="RpcException"/> with a specific status (see <see cref="GrpcRequestReader"/> for the policy),
/// never as a stray parser exception that would surface as the generic INTERNAL.
/// </summary>
internal static class RequestMessageDecoder
{
    public static T Decode<T>(MessageParser<T> parser, ReadOnlySequence<byte> payload, bool compressed, string? requestEncoding, int maxSize)
        where T : IMessage<T>
    {
        if (compressed)
        {
            if (requestEncoding is null)
            {
                throw new RpcException(new Status(StatusCode.Internal, ProtocolViolations.CompressedWithoutEncoding));
            }

            payload = new ReadOnlySequence<byte>(GzipCodec.Decompress(payload, maxSize));
        }

        T message;
        try
        {
            message = parser.ParseFrom(payload);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The parser is a pure function of the client's bytes, so whatever it throws describes those bytes.
            throw InvalidProtobuf(ReasonFor(ex));
        }

        // Google.Protobuf decodes malformed UTF-8 leniently (U+FFFD); proto3 requires string fields to be valid.
        if (!Utf8FieldValidator.StringsAreValid(message.Descriptor, payload))
        {
            throw InvalidProtobuf(Utf8FieldValidator.Reason);
        }

        return message;
    }

    private static RpcException InvalidProtobuf(string reason) =>
        new(new Status(StatusCode.InvalidArgument, ProtocolViolations.InvalidProtobufPrefix + reason));

    private static string ReasonFor(Exception exception) => exception switch
    {
        InvalidProtocolBufferException => FirstSentence(exception.Message),
        DecoderFallbackException => Utf8FieldValidator.Reason,
        IndexOutOfRangeException or ArgumentOutOfRangeException or OverflowException => "a length field is out of range",
        _ => "the parser rejected it (" + exception.GetType().Name + ")",
    };

    // Protobuf's messages add a second sentence of speculation ("This could mean …") a client does not need.
    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return (end < 0 ? message : message[..end]).TrimEnd('.');
    }
}

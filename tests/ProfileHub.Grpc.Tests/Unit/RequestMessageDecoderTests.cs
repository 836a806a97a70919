using System.Buffers;
using System.IO.Compression;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using ProfileHub.Grpc.Internal;
using ProfileHub.Grpc.TestHost;
using ProfileHub.Grpc.Tests.Clock;

namespace ProfileHub.Grpc.Tests.Unit;

public class RequestMessageDecoderTests
{
    private const int MaxSize = 4 * 1024 * 1024;

    [Fact]
    public void A_valid_message_is_parsed()
    {
        var bytes = new EchoRequest { Message = "hello", DelayMs = 3 }.ToByteArray();

        var request = RequestMessageDecoder.Decode(EchoRequest.Parser, new ReadOnlySequence<byte>(bytes), compressed: false, requestEncoding: null, MaxSize);

        Assert.Equal("hello", request.Message);
        Assert.Equal(3, request.DelayMs);
    }

    [Fact]
    public void A_gzip_compressed_message_is_inflated_and_parsed()
    {
        var bytes = Gzip(new EchoRequest { Message = "zipped" }.ToByteArray());

        var request = RequestMessageDecoder.Decode(EchoRequest.Parser, new ReadOnlySequence<byte>(bytes), compressed: true, requestEncoding: "gzip", MaxSize);

        Assert.Equal("zipped", request.Message);
    }

    [Fact]
    public void A_nested_message_length_near_int_max_is_invalid_argument()
    {
        // Field 1 (a message) declaring 2^31-1 bytes: the limit arithmetic overflows inside the parser.
        byte[] bytes = [0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0x07, 0x41, 0x42];

        var error = DecodeFails(Description.Parser, bytes);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith(ProtocolViolations.InvalidProtobufPrefix, error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_string_length_near_int_max_is_invalid_argument()
    {
        byte[] bytes = [0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0x07, 0x41, 0x42];

        var error = DecodeFails(EchoRequest.Parser, bytes);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith(ProtocolViolations.InvalidProtobufPrefix, error.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(70)]
    [InlineData(127)]
    [InlineData(400)]
    public void Deep_nesting_in_a_string_field_is_invalid_argument(int depth)
    {
        // From about 65 levels on, the nested lengths need bytes >= 0x80 inside the string field: not valid UTF-8.
        var error = DecodeFails(EchoRequest.Parser, NestField1(depth));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(ProtocolViolations.InvalidProtobufPrefix + "a string field is not valid UTF-8", error.Status.Detail);
    }

    [Fact]
    public void Shallow_nesting_in_a_string_field_is_an_ascii_string_left_to_the_handler()
    {
        var request = RequestMessageDecoder.Decode(EchoRequest.Parser, new ReadOnlySequence<byte>(NestField1(50)), compressed: false, requestEncoding: null, MaxSize);

        Assert.Equal('\n', request.Message[0]);
    }

    [Fact]
    public void Invalid_utf8_in_a_map_value_is_invalid_argument()
    {
        // EchoResponse.received_metadata (field 4) is map<string, string>: entry { key = "k", value = 0xFF }.
        byte[] bytes = [0x22, 0x06, 0x0A, 0x01, 0x6B, 0x12, 0x01, 0xFF];

        var error = DecodeFails(EchoResponse.Parser, bytes);

        Assert.Equal(ProtocolViolations.InvalidProtobufPrefix + "a string field is not valid UTF-8", error.Status.Detail);
    }

    [Fact]
    public void Non_ascii_bytes_outside_string_fields_are_accepted()
    {
        var bytes = new EchoRequest { Message = "héllo ✓", Payload = ByteString.CopyFrom(0xFF, 0xFE, 0x80), DelayMs = 300 }.ToByteArray();

        var request = RequestMessageDecoder.Decode(EchoRequest.Parser, new ReadOnlySequence<byte>(bytes), compressed: false, requestEncoding: null, MaxSize);

        Assert.Equal("héllo ✓", request.Message);
        Assert.Equal(new byte[] { 0xFF, 0xFE, 0x80 }, request.Payload.ToByteArray());
    }

    [Fact]
    public void Invalid_utf8_in_a_string_field_is_invalid_argument()
    {
        byte[] bytes = [0x0A, 0x03, 0xFF, 0xFE, 0xFD];

        var error = DecodeFails(EchoRequest.Parser, bytes);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(ProtocolViolations.InvalidProtobufPrefix + "a string field is not valid UTF-8", error.Status.Detail);
    }

    [Fact]
    public void Nesting_past_the_recursion_limit_is_invalid_argument()
    {
        // DescriptorProto.nested_type (field 3) is recursive.
        var error = DecodeFails(DescriptorProto.Parser, NestField(3, 150));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith(ProtocolViolations.InvalidProtobufPrefix, error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_varint_longer_than_ten_bytes_is_invalid_argument()
    {
        byte[] bytes = [0x18, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01];

        var error = DecodeFails(EchoRequest.Parser, bytes);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith(ProtocolViolations.InvalidProtobufPrefix, error.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0x0A, 0x05, 0x41 })]
    [InlineData(new byte[] { 0x00 })]
    [InlineData(new byte[] { 0x0F, 0x01 })]
    public void Truncated_or_malformed_protobuf_is_invalid_argument(byte[] bytes)
    {
        var error = DecodeFails(EchoRequest.Parser, bytes);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith(ProtocolViolations.InvalidProtobufPrefix, error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Random_bytes_never_escape_as_anything_but_an_invalid_argument_status()
    {
        var random = new Random(1234);
        for (var i = 0; i < 5_000; i++)
        {
            var bytes = new byte[random.Next(1, 64)];
            random.NextBytes(bytes);
            try
            {
                RequestMessageDecoder.Decode(Description.Parser, new ReadOnlySequence<byte>(bytes), compressed: false, requestEncoding: null, MaxSize);
            }
            catch (RpcException error)
            {
                Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
            }
        }
    }

    [Fact]
    public void A_compressed_message_without_grpc_encoding_is_the_specific_internal_error()
    {
        var bytes = Gzip(new EchoRequest { Message = "x" }.ToByteArray());

        var error = Assert.Throws<RpcException>(() => RequestMessageDecoder.Decode(EchoRequest.Parser, new ReadOnlySequence<byte>(bytes), compressed: true, requestEncoding: null, MaxSize));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Equal(ProtocolViolations.CompressedWithoutEncoding, error.Status.Detail);
    }

    [Fact]
    public void A_compressed_message_that_is_not_gzip_is_the_specific_internal_error()
    {
        byte[] bytes = [0x13, 0x37, 0x00, 0x42, 0x99, 0x10];

        var error = Assert.Throws<RpcException>(() => RequestMessageDecoder.Decode(EchoRequest.Parser, new ReadOnlySequence<byte>(bytes), compressed: true, requestEncoding: "gzip", MaxSize));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Equal(ProtocolViolations.UndecompressableMessage, error.Status.Detail);
    }

    [Fact]
    public void Gzip_that_inflates_past_the_limit_is_resource_exhausted()
    {
        var bytes = Gzip(new byte[200_000]);

        var error = Assert.Throws<RpcException>(() => RequestMessageDecoder.Decode(EchoRequest.Parser, new ReadOnlySequence<byte>(bytes), compressed: true, requestEncoding: "gzip", 100_000));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public void Gzip_whose_inflated_bytes_are_not_protobuf_is_invalid_argument()
    {
        var bytes = Gzip([0x0A, 0x03, 0xFF, 0xFE, 0xFD]);

        var error = Assert.Throws<RpcException>(() => RequestMessageDecoder.Decode(EchoRequest.Parser, new ReadOnlySequence<byte>(bytes), compressed: true, requestEncoding: "gzip", MaxSize));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }

    private static RpcException DecodeFails<T>(MessageParser<T> parser, byte[] bytes)
        where T : IMessage<T> =>
        Assert.Throws<RpcException>(() => RequestMessageDecoder.Decode(parser, new ReadOnlySequence<byte>(bytes), compressed: false, requestEncoding: null, MaxSize));

    private static byte[] NestField1(int depth) => NestField(1, depth);

    private static byte[] NestField(int field, int depth)
    {
        var tag = (byte)((field << 3) | 2);
        var inner = Array.Empty<byte>();
        for (var i = 0; i < depth; i++)
        {
            inner = [tag, .. Varint((uint)inner.Length), .. inner];
        }

        return inner;
    }

    private static byte[] Varint(uint value)
    {
        var bytes = new List<byte>();
        do
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            bytes.Add(value == 0 ? b : (byte)(b | 0x80));
        }
        while (value != 0);
        return [.. bytes];
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }
}

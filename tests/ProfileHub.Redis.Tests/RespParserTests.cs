using System.Buffers;
using System.Text;
using ProfileHub.Redis.Internal;

namespace ProfileHub.Redis.Tests;

/// <summary>The incremental parser must give the same answer however the bytes are split across reads.</summary>
public sealed class RespParserTests
{
    public static TheoryData<string> Replies => new()
    {
        "+OK\r\n",
        "+some status\r\n",
        "-ERR wrong\r\n",
        ":-42\r\n",
        "$-1\r\n",
        "$0\r\n\r\n",
        "$5\r\nab\r\nc\r\n",
        "*-1\r\n",
        "*0\r\n",
        "*3\r\n$1\r\na\r\n:7\r\n*2\r\n+x\r\n$-1\r\n",
    };

    [Theory]
    [MemberData(nameof(Replies))]
    public void A_reply_split_at_any_byte_parses_only_when_complete(string wire)
    {
        var bytes = Encoding.UTF8.GetBytes(wire);
        var whole = Parse(new ReadOnlySequence<byte>(bytes), out var consumed);
        Assert.True(whole.HasValue);
        Assert.Equal(bytes.Length, consumed);

        for (var split = 1; split < bytes.Length; split++)
        {
            Assert.Null(Parse(new ReadOnlySequence<byte>(bytes, 0, split), out _));
            var segmented = Parse(TwoSegments(bytes, split), out var segmentedConsumed);
            Assert.Equal(Describe(whole!.Value), Describe(segmented!.Value));
            Assert.Equal(bytes.Length, segmentedConsumed);
        }
    }

    [Fact]
    public void Bulk_strings_keep_embedded_crlf_and_binary_bytes()
    {
        var payload = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        var wire = Encoding.ASCII.GetBytes("$256\r\n").Concat(payload).Concat("\r\n"u8.ToArray()).ToArray();

        var reply = Parse(TwoSegments(wire, 100), out _);

        Assert.Equal(payload, reply!.Value.Bytes);
    }

    [Theory]
    [InlineData("?\r\n")]
    [InlineData(":12x\r\n")]
    [InlineData("$-2\r\n")]
    [InlineData("$3\r\nabcde")]
    [InlineData("*-5\r\n")]
    public void Invalid_bytes_raise_a_protocol_exception(string wire)
    {
        Assert.Throws<RedisProtocolException>(() => Parse(new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(wire)), out _));
    }

    private static RedisReply? Parse(ReadOnlySequence<byte> buffer, out long consumed)
    {
        var reader = new SequenceReader<byte>(buffer);
        var complete = RespParser.TryParse(ref reader, out var reply);
        consumed = reader.Consumed;
        return complete ? reply : null;
    }

    private static string Describe(RedisReply reply) => reply.Kind switch
    {
        RedisReplyKind.Array => "[" + string.Join(",", reply.Elements.Select(Describe)) + "]",
        RedisReplyKind.BulkString => "$" + Convert.ToHexString(reply.Bytes!),
        _ => reply.Kind + ":" + reply.AsString(),
    };

    private static ReadOnlySequence<byte> TwoSegments(byte[] bytes, int split)
    {
        var first = new Segment(bytes.AsMemory(0, split), 0);
        var second = first.Append(bytes.AsMemory(split));
        return new ReadOnlySequence<byte>(first, 0, second, second.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}

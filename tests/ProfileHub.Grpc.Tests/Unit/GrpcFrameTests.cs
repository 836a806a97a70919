using System.Buffers;
using ProfileHub.Grpc.Internal;

namespace ProfileHub.Grpc.Tests.Unit;

public class GrpcFrameTests
{
    private static byte[] Frame(bool compressed, params byte[] payload)
    {
        var frame = new byte[5 + payload.Length];
        GrpcFrame.WriteHeader(frame, compressed, payload.Length);
        payload.CopyTo(frame, 5);
        return frame;
    }

    [Fact]
    public void A_whole_frame_is_read_and_the_buffer_advances_past_it()
    {
        var bytes = Frame(false, 1, 2, 3).Concat(Frame(true, 9)).ToArray();
        var buffer = new ReadOnlySequence<byte>(bytes);

        Assert.True(GrpcFrame.TryRead(ref buffer, 100, out var compressed, out var payload));
        Assert.False(compressed);
        Assert.Equal(new byte[] { 1, 2, 3 }, payload.ToArray());
        Assert.True(GrpcFrame.TryRead(ref buffer, 100, out compressed, out payload));
        Assert.True(compressed);
        Assert.Equal(new byte[] { 9 }, payload.ToArray());
        Assert.True(buffer.IsEmpty);
    }

    [Fact]
    public void A_frame_split_across_segments_is_reassembled()
    {
        var bytes = Frame(false, 10, 20, 30, 40);
        var first = new BufferSegment(bytes.AsMemory(0, 2));
        var second = first.Append(bytes.AsMemory(2, 4));
        var third = second.Append(bytes.AsMemory(6));
        var buffer = new ReadOnlySequence<byte>(first, 0, third, third.Memory.Length);

        Assert.True(GrpcFrame.TryRead(ref buffer, 100, out _, out var payload));
        Assert.Equal(new byte[] { 10, 20, 30, 40 }, payload.ToArray());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(7)]
    public void A_truncated_frame_asks_for_more_bytes_and_leaves_the_buffer_alone(int available)
    {
        var bytes = Frame(false, 1, 2, 3, 4, 5).AsMemory(0, available);
        var buffer = new ReadOnlySequence<byte>(bytes);

        Assert.False(GrpcFrame.TryRead(ref buffer, 100, out _, out _));
        Assert.Equal(available, buffer.Length);
    }

    [Fact]
    public void A_message_over_the_limit_is_refused_from_its_header_alone()
    {
        var header = new byte[5];
        GrpcFrame.WriteHeader(header, false, 101);
        var buffer = new ReadOnlySequence<byte>(header);

        var error = Assert.Throws<RpcException>(() => GrpcFrame.TryRead(ref buffer, 100, out _, out _));
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public void A_message_exactly_at_the_limit_is_accepted()
    {
        var buffer = new ReadOnlySequence<byte>(Frame(false, new byte[100]));

        Assert.True(GrpcFrame.TryRead(ref buffer, 100, out _, out var payload));
        Assert.Equal(100, payload.Length);
    }

    [Fact]
    public void An_unknown_compressed_flag_is_an_internal_error()
    {
        var bytes = Frame(false, 1);
        bytes[0] = 2;
        var buffer = new ReadOnlySequence<byte>(bytes);

        var error = Assert.Throws<RpcException>(() => GrpcFrame.TryRead(ref buffer, 100, out _, out _));
        Assert.Equal(StatusCode.Internal, error.StatusCode);
    }

    private sealed class BufferSegment : ReadOnlySequenceSegment<byte>
    {
        public BufferSegment(ReadOnlyMemory<byte> memory) => Memory = memory;

        public BufferSegment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new BufferSegment(memory) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}

using System.Buffers;
using System.Buffers.Text;

namespace ProfileHub.Redis.Internal;

/// <summary>RESP2 request framing: <c>*N\r\n</c> then one bulk string per argument.</summary>
internal static class RespWriter
{
    public static void WriteLengthHeader(IBufferWriter<byte> writer, byte marker, int length)
    {
        var span = writer.GetSpan(14);
        span[0] = marker;
        Utf8Formatter.TryFormat(length, span[1..], out var count);
        span[count + 1] = (byte)'\r';
        span[count + 2] = (byte)'\n';
        writer.Advance(count + 3);
    }

    public static void WriteCrLf(IBufferWriter<byte> writer)
    {
        var span = writer.GetSpan(2);
        span[0] = (byte)'\r';
        span[1] = (byte)'\n';
        writer.Advance(2);
    }

    public static void WriteCommand(IBufferWriter<byte> writer, RedisCommandName command, ReadOnlySpan<RedisArg> args, ReadOnlySpan<byte> keyPrefix)
    {
        WriteLengthHeader(writer, (byte)'*', args.Length + 1);
        writer.Write(command.Encoded);
        foreach (ref readonly var arg in args)
        {
            arg.WriteTo(writer, keyPrefix);
        }
    }
}

using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace ProfileHub.Redis.Internal;

/// <summary>
/// Incremental RESP2 reply parser over a <see cref="SequenceReader{T}"/>. Returns false when the
/// buffer holds only part of a reply (the caller rewinds and waits for more bytes); throws
/// <see cref="RedisProtocolException"/> on bytes that can never become a valid reply.
/// </summary>
internal static class RespParser
{
    // Redis' own proto-max-bulk-len default; anything larger is a corrupt stream, not a value.
    private const long MaxBulkLength = 512L * 1024 * 1024;
    private const long MaxArrayLength = 64L * 1024 * 1024;
    private const int MaxDepth = 64;

    private static readonly RedisReply Ok = RedisReply.SimpleString("OK");
    private static readonly RedisReply Pong = RedisReply.SimpleString("PONG");
    private static readonly RedisReply Queued = RedisReply.SimpleString("QUEUED");

    public static bool TryParse(ref SequenceReader<byte> reader, out RedisReply reply) => TryParse(ref reader, out reply, 0);

    private static bool TryParse(ref SequenceReader<byte> reader, out RedisReply reply, int depth)
    {
        reply = default;
        if (!reader.TryRead(out var marker) || !reader.TryReadTo(out ReadOnlySpan<byte> line, "\r\n"u8))
        {
            return false;
        }

        switch (marker)
        {
            case (byte)'+':
                reply = line.SequenceEqual("OK"u8) ? Ok
                    : line.SequenceEqual("PONG"u8) ? Pong
                    : line.SequenceEqual("QUEUED"u8) ? Queued
                    : RedisReply.SimpleString(Encoding.UTF8.GetString(line));
                return true;
            case (byte)'-':
                reply = RedisReply.Error(Encoding.UTF8.GetString(line));
                return true;
            case (byte)':':
                reply = RedisReply.FromInteger(ParseInteger(line));
                return true;
            case (byte)'$':
                return TryParseBulk(ref reader, ParseInteger(line), out reply);
            case (byte)'*':
                return TryParseArray(ref reader, ParseInteger(line), out reply, depth);
            default:
                throw new RedisProtocolException($"Unexpected RESP type marker 0x{marker:X2}; the reply stream is out of sync.");
        }
    }

    private static bool TryParseBulk(ref SequenceReader<byte> reader, long length, out RedisReply reply)
    {
        reply = default;
        if (length == -1)
        {
            return true;
        }

        if (length is < 0 or > MaxBulkLength)
        {
            throw new RedisProtocolException($"Invalid bulk string length {length}.");
        }

        if (reader.Remaining < length + 2)
        {
            return false;
        }

        var bytes = length == 0 ? [] : new byte[length];
        reader.TryCopyTo(bytes);
        reader.Advance(length);
        if (!reader.IsNext("\r\n"u8, advancePast: true))
        {
            throw new RedisProtocolException("Bulk string is not terminated by CRLF.");
        }

        reply = RedisReply.BulkString(bytes);
        return true;
    }

    private static bool TryParseArray(ref SequenceReader<byte> reader, long count, out RedisReply reply, int depth)
    {
        reply = default;
        if (count == -1)
        {
            return true;
        }

        if (count is < 0 or > MaxArrayLength || depth >= MaxDepth)
        {
            throw new RedisProtocolException($"Invalid array length {count} at nesting depth {depth}.");
        }

        // An element is at least 3 bytes; refuse to allocate for elements that have not arrived yet.
        if (reader.Remaining < count * 3)
        {
            return false;
        }

        var elements = new RedisReply[count];
        for (var i = 0; i < elements.Length; i++)
        {
            if (!TryParse(ref reader, out elements[i], depth + 1))
            {
                return false;
            }
        }

        reply = RedisReply.FromArray(elements);
        return true;
    }

    private static long ParseInteger(ReadOnlySpan<byte> line)
    {
        if (!Utf8Parser.TryParse(line, out long value, out var consumed) || consumed != line.Length)
        {
            throw new RedisProtocolException("Invalid integer in RESP header.");
        }

        return value;
    }
}

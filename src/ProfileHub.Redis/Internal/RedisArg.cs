using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace ProfileHub.Redis.Internal;

/// <summary>One argument of a command, encoded straight into the outgoing pipe without an intermediate copy.</summary>
internal readonly struct RedisArg
{
    private readonly string? _text;
    private readonly ReadOnlyMemory<byte> _bytes;
    private readonly long _number;
    private readonly ArgKind _kind;
    private readonly bool _isKey;

    private RedisArg(ArgKind kind, string? text, ReadOnlyMemory<byte> bytes, long number, bool isKey)
    {
        _kind = kind;
        _text = text;
        _bytes = bytes;
        _number = number;
        _isKey = isKey;
    }

    private enum ArgKind : byte
    {
        Text,
        Bytes,
        Number,
    }

    /// <summary>A key given as text; the key prefix is put in front.</summary>
    public static RedisArg Key(string key) => new(ArgKind.Text, key ?? throw new ArgumentNullException(nameof(key)), default, 0, true);

    /// <summary>A text key under a fixed namespace: key prefix, then <paramref name="space"/>, then the key (no concatenation).</summary>
    public static RedisArg Key(ReadOnlyMemory<byte> space, string key) => new(ArgKind.Text, key ?? throw new ArgumentNullException(nameof(key)), space, 0, true);

    /// <summary>A binary key; the key prefix is put in front.</summary>
    public static RedisArg Key(ReadOnlyMemory<byte> key) => new(ArgKind.Bytes, null, key, 0, true);

    /// <summary>A text value, sent as UTF-8.</summary>
    public static RedisArg Value(string value) => new(ArgKind.Text, value ?? throw new ArgumentNullException(nameof(value)), default, 0, false);

    /// <summary>A binary value.</summary>
    public static RedisArg Value(ReadOnlyMemory<byte> value) => new(ArgKind.Bytes, null, value, 0, false);

    /// <summary>An integer value, sent as its decimal text.</summary>
    public static RedisArg Value(long value) => new(ArgKind.Number, null, default, value, false);

    /// <summary>Writes the argument as a RESP bulk string.</summary>
    public void WriteTo(IBufferWriter<byte> writer, ReadOnlySpan<byte> keyPrefix)
    {
        var prefix = _isKey ? keyPrefix : default;
        switch (_kind)
        {
            case ArgKind.Text:
                var textLength = Encoding.UTF8.GetByteCount(_text!);
                RespWriter.WriteLengthHeader(writer, (byte)'$', prefix.Length + _bytes.Length + textLength);
                writer.Write(prefix);
                writer.Write(_bytes.Span);
                var span = writer.GetSpan(textLength);
                var written = Encoding.UTF8.GetBytes(_text, span);
                writer.Advance(written);
                RespWriter.WriteCrLf(writer);
                break;
            case ArgKind.Bytes:
                RespWriter.WriteLengthHeader(writer, (byte)'$', prefix.Length + _bytes.Length);
                writer.Write(prefix);
                writer.Write(_bytes.Span);
                RespWriter.WriteCrLf(writer);
                break;
            default:
                Span<byte> digits = stackalloc byte[20];
                Utf8Formatter.TryFormat(_number, digits, out var count);
                RespWriter.WriteLengthHeader(writer, (byte)'$', count);
                writer.Write(digits[..count]);
                RespWriter.WriteCrLf(writer);
                break;
        }
    }
}

using System.Buffers.Binary;
using Google.Protobuf;

namespace ProfileHub.Server.Tests.Security;

/// <summary>Random and mutated protobuf payloads and malformed gRPC frames, derived from valid requests.</summary>
public sealed class FuzzCaseGenerator(int seed)
{
    private static readonly string[] Kinds =
    [
        "valid", "flip-bytes", "insert-bytes", "delete-bytes", "truncate", "random-bytes", "wrong-wire-type",
        "huge-varint", "deep-nesting", "huge-length-field", "empty-message", "length-prefix-too-large",
        "length-prefix-too-small", "split-frames", "zero-length-body", "bad-compression-flag",
        "compressed-without-encoding", "compressed-garbage-gzip", "two-messages", "partial-header",
    ];

    private readonly Random _random = new(seed);

    public FuzzCase Next(string method)
    {
        var valid = MethodCatalog.Requests[method].Request.ToByteArray();
        var kind = Kinds[_random.Next(Kinds.Length)];
        return kind switch
        {
            "valid" => Framed(method, kind, valid),
            "flip-bytes" => Framed(method, kind, FlipBytes(valid)),
            "insert-bytes" => Framed(method, kind, InsertBytes(valid)),
            "delete-bytes" => Framed(method, kind, DeleteBytes(valid)),
            "truncate" => Framed(method, kind, valid[..(valid.Length == 0 ? 0 : _random.Next(valid.Length))]),
            "random-bytes" => Framed(method, kind, RandomBytes(_random.Next(0, 512))),
            "wrong-wire-type" => Framed(method, kind, WrongWireType(valid)),
            "huge-varint" => Framed(method, kind, [.. valid, 0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]),
            "deep-nesting" => Framed(method, kind, DeepNesting(_random.Next(50, 400))),
            "huge-length-field" => Framed(method, kind, [0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0x07, 0x41, 0x42]),
            "empty-message" => Framed(method, kind, []),
            "length-prefix-too-large" => new FuzzCase(method, kind, Frame(valid, 0, valid.Length + 1 + _random.Next(1000)), false, null),
            "length-prefix-too-small" => new FuzzCase(method, kind, Frame(valid, 0, Math.Max(0, valid.Length - 1 - _random.Next(Math.Max(1, valid.Length)))), false, null),
            "split-frames" => new FuzzCase(method, kind, Frame(valid, 0, valid.Length), true, null),
            "zero-length-body" => new FuzzCase(method, kind, [], false, null),
            "bad-compression-flag" => new FuzzCase(method, kind, Frame(valid, (byte)_random.Next(2, 256), valid.Length), false, null),
            "compressed-without-encoding" => new FuzzCase(method, kind, Frame(valid, 1, valid.Length), false, null),
            "compressed-garbage-gzip" => new FuzzCase(method, kind, Frame(RandomBytes(_random.Next(1, 64)), 1, null), false, "gzip"),
            "two-messages" => new FuzzCase(method, kind, [.. Frame(valid, 0, valid.Length), .. Frame(valid, 0, valid.Length)], false, null),
            _ => new FuzzCase(method, kind, Frame(valid, 0, valid.Length)[..Math.Min(4, valid.Length + 5)], false, null),
        };
    }

    private static FuzzCase Framed(string method, string kind, byte[] payload) => new(method, kind, Frame(payload, 0, payload.Length), false, null);

    private static byte[] Frame(byte[] payload, byte flag, int? declaredLength)
    {
        var frame = new byte[5 + payload.Length];
        frame[0] = flag;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)(declaredLength ?? payload.Length));
        payload.CopyTo(frame, 5);
        return frame;
    }

    private byte[] FlipBytes(byte[] valid)
    {
        var copy = (byte[])valid.Clone();
        for (var i = 0; i < 1 + _random.Next(4) && copy.Length > 0; i++)
        {
            copy[_random.Next(copy.Length)] ^= (byte)(1 << _random.Next(8));
        }

        return copy;
    }

    private byte[] InsertBytes(byte[] valid)
    {
        var at = _random.Next(valid.Length + 1);
        return [.. valid[..at], .. RandomBytes(1 + _random.Next(8)), .. valid[at..]];
    }

    private byte[] DeleteBytes(byte[] valid)
    {
        if (valid.Length == 0)
        {
            return valid;
        }

        var at = _random.Next(valid.Length);
        var count = Math.Min(valid.Length - at, 1 + _random.Next(4));
        return [.. valid[..at], .. valid[(at + count)..]];
    }

    // Field 1 re-sent with each wire type that does not match its declaration.
    private byte[] WrongWireType(byte[] valid)
    {
        byte[][] wrong =
        [
            [0x08, 0x96, 0x01],
            [0x09, 1, 2, 3, 4, 5, 6, 7, 8],
            [0x0D, 1, 2, 3, 4],
            [0x0A, 0x03, 0xFF, 0xFE, 0xFD],
            [0x0B, 0x0C],
            [0x12, 0x01, 0x08],
        ];
        return [.. valid, .. wrong[_random.Next(wrong.Length)]];
    }

    // Field 1 (a message in every request that has one) nested inside itself, past the parser's recursion limit.
    private static byte[] DeepNesting(int depth)
    {
        byte[] inner = [];
        for (var i = 0; i < depth; i++)
        {
            var length = new byte[5];
            var written = 0;
            var value = (uint)inner.Length;
            do
            {
                var b = (byte)(value & 0x7F);
                value >>= 7;
                length[written++] = value == 0 ? b : (byte)(b | 0x80);
            }
            while (value != 0);
            inner = [0x0A, .. length[..written], .. inner];
        }

        return inner;
    }

    private byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }
}

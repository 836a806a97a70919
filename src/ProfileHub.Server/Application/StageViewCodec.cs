using System.Buffers.Binary;
using System.Text;
using ProfileHub.Core.Profiles;

namespace ProfileHub.Server.Application;

/// <summary>
/// Compact binary form of a <see cref="StageView"/> for the cache: a version byte, fixed-width
/// numbers, then length-prefixed UTF-8 strings. Small values keep L1 dense and Redis fast.
/// </summary>
internal static class StageViewCodec
{
    private const byte FormatVersion = 1;

    public static byte[] Encode(StageView view)
    {
        var stage = view.Stage is null ? [] : Encoding.UTF8.GetBytes(view.Stage);
        var id = Encoding.UTF8.GetBytes(view.ProfileId);
        var buffer = new byte[1 + 1 + 4 + 8 + 8 + 1 + 2 + id.Length + 2 + stage.Length];
        var span = buffer.AsSpan();
        span[0] = FormatVersion;
        span[1] = (byte)((view.AtRisk ? 1 : 0) | (view.Stage is null ? 0 : 2) | (view.EnteredAt is null ? 0 : 4));
        BinaryPrimitives.WriteInt32LittleEndian(span[2..], view.StageOrder);
        BinaryPrimitives.WriteInt64LittleEndian(span[6..], view.Version);
        BinaryPrimitives.WriteInt64LittleEndian(span[14..], view.EnteredAt?.UtcTicks ?? 0);
        span[22] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(span[23..], (ushort)id.Length);
        id.CopyTo(span[25..]);
        var offset = 25 + id.Length;
        BinaryPrimitives.WriteUInt16LittleEndian(span[offset..], (ushort)stage.Length);
        stage.CopyTo(span[(offset + 2)..]);
        return buffer;
    }

    /// <summary>Decodes a cached value; null for a value in another format (treated as a miss).</summary>
    public static StageView? Decode(ReadOnlySpan<byte> span)
    {
        if (span.Length < 27 || span[0] != FormatVersion)
        {
            return null;
        }

        var flags = span[1];
        var order = BinaryPrimitives.ReadInt32LittleEndian(span[2..]);
        var version = BinaryPrimitives.ReadInt64LittleEndian(span[6..]);
        var ticks = BinaryPrimitives.ReadInt64LittleEndian(span[14..]);
        var idLength = BinaryPrimitives.ReadUInt16LittleEndian(span[23..]);
        if (span.Length < 27 + idLength)
        {
            return null;
        }

        var id = Encoding.UTF8.GetString(span.Slice(25, idLength));
        var offset = 25 + idLength;
        var stageLength = BinaryPrimitives.ReadUInt16LittleEndian(span[offset..]);
        if (span.Length != offset + 2 + stageLength)
        {
            return null;
        }

        string? stage = (flags & 2) != 0 ? Encoding.UTF8.GetString(span.Slice(offset + 2, stageLength)) : null;
        DateTimeOffset? enteredAt = (flags & 4) != 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
        return new StageView(id, stage, order, enteredAt, (flags & 1) != 0, version);
    }
}

using System.Buffers.Binary;
using System.Buffers.Text;
using ProfileHub.Core.Errors;

namespace ProfileHub.Server.Mapping;

/// <summary>
/// Opaque change-feed cursors. Callers store and send them back; the encoding (a version byte and
/// the commit sequence, base64url) is private so it can change without breaking sync jobs.
/// </summary>
internal static class ChangeCursor
{
    private const byte Version = 1;

    public static string Encode(long sequence)
    {
        Span<byte> bytes = stackalloc byte[9];
        bytes[0] = Version;
        BinaryPrimitives.WriteInt64BigEndian(bytes[1..], sequence);
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>Decodes a cursor; empty means "from the beginning" (sequence 0).</summary>
    public static long Decode(string cursor, string field)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return 0;
        }

        Span<byte> bytes = stackalloc byte[16];
        int written;
        bool decoded;
        try
        {
            decoded = Base64Url.TryDecodeFromChars(cursor, bytes, out written);
        }
        catch (FormatException)
        {
            // Despite its name, TryDecodeFromChars throws on some invalid characters (e.g. newlines).
            decoded = false;
            written = 0;
        }

        if (!decoded || written != 9 || bytes[0] != Version)
        {
            throw new InvalidFieldException(field, "not a cursor issued by this service");
        }

        var sequence = BinaryPrimitives.ReadInt64BigEndian(bytes[1..9]);
        if (sequence < 0)
        {
            throw new InvalidFieldException(field, "not a cursor issued by this service");
        }

        return sequence;
    }
}

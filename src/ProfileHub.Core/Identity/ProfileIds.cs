using System.Security.Cryptography;
using System.Text;

namespace ProfileHub.Core.Identity;

/// <summary>
/// Deterministic profile ids: a profile created by a record gets an id derived from that record's
/// (source, record_id), so replays and re-runs of the same data produce the same ids.
/// </summary>
public static class ProfileIds
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";
    private const int IdChars = 26;

    /// <summary>
    /// <c>"p_"</c> followed by 26 characters of lower-case base32 of SHA-256 over
    /// <c>source + '\0' + recordId</c> (UTF-8).
    /// </summary>
    public static string ForRecord(string source, string recordId)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(recordId);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Concat(source, "\0", recordId)));
        Span<char> id = stackalloc char[2 + IdChars];
        id[0] = 'p';
        id[1] = '_';
        // 26 base32 characters take 130 bits: read the hash as a bit stream, five bits at a time.
        for (var i = 0; i < IdChars; i++)
        {
            var bit = i * 5;
            var pair = (hash[bit / 8] << 8) | hash[(bit / 8) + 1];
            id[2 + i] = Alphabet[(pair >> (11 - (bit % 8))) & 31];
        }

        return new string(id);
    }
}

using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using ProfileHub.Core.Identity;
using ProfileHub.Core.Profiles;

namespace ProfileHub.Server.Application;

/// <summary>
/// Cache keys of the stage lookups. <c>ref:p:{profile id}</c> and <c>ref:i:{type}:{digest}</c> map a
/// lookup to the profile id it resolved to; <c>stage:{profile id}</c> holds a stage view.
/// Identifier values are personal data: cache keys (which Redis keeps, and keeps as generation
/// counters for a while after every invalidation, even after an erasure) carry a SHA-256 digest of
/// "type:value" instead. Keys can be formatted into a caller's buffer, so the hot lookup builds none.
/// </summary>
internal static class ProfileCacheKeys
{
    /// <summary>Room for any ref key whose identifier type or profile id is of a usual length.</summary>
    public const int StackKeyChars = 256;

    public const string StagePrefix = "stage:";

    private const string ProfileRefPrefix = "ref:p:";
    private const string IdentifierRefPrefix = "ref:i:";
    private const int DigestChars = 44; // base64 of 32 bytes
    private const int StackTextBytes = 1024;

    // One reusable hash per thread: the one-shot SHA256.HashData allocates and frees a native digest
    // context on every call, a third of the digest's cost on the lookup path. Used only between an
    // append and the reset that follows it, with no await in between.
    [ThreadStatic]
    private static IncrementalHash? t_sha256;

    public static string Stage(string profileId) => string.Concat(StagePrefix, profileId);

    public static string Ref(ProfileKey key) =>
        string.Create(RefLength(key), key, static (destination, k) => TryFormatRef(k, destination, out _));

    /// <summary>Writes the ref key of <paramref name="key"/>; false when <paramref name="destination"/> is too short.</summary>
    public static bool TryFormatRef(ProfileKey key, Span<char> destination, out int written)
    {
        written = RefLength(key);
        if (destination.Length < written)
        {
            written = 0;
            return false;
        }

        if (key.ProfileId is { } id)
        {
            ProfileRefPrefix.CopyTo(destination);
            id.CopyTo(destination[ProfileRefPrefix.Length..]);
            return true;
        }

        var identifier = key.Identifier!.Value;
        IdentifierRefPrefix.CopyTo(destination);
        identifier.Type.CopyTo(destination[IdentifierRefPrefix.Length..]);
        var position = IdentifierRefPrefix.Length + identifier.Type.Length;
        destination[position++] = ':';
        WriteDigest(identifier, destination.Slice(position, DigestChars));
        return true;
    }

    /// <summary>The length of <paramref name="key"/>'s ref key, so a caller can size its buffer exactly.</summary>
    public static int RefLength(ProfileKey key) => key.ProfileId is { } id
        ? ProfileRefPrefix.Length + id.Length
        : IdentifierRefPrefix.Length + key.Identifier!.Value.Type.Length + 1 + DigestChars;

    // Base64(SHA-256(UTF-8("type:value"))), hashed from a stack buffer for values of the usual size.
    private static void WriteDigest(IdentifierKey identifier, Span<char> destination)
    {
        var length = Encoding.UTF8.GetByteCount(identifier.Type) + 1 + Encoding.UTF8.GetByteCount(identifier.Value);
        byte[]? rented = null;
        // Exactly the bytes needed: a stackalloc is zeroed, and this runs on every identifier lookup.
        var text = length <= StackTextBytes ? stackalloc byte[length] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            var written = Encoding.UTF8.GetBytes(identifier.Type, text);
            text[written++] = (byte)':';
            written += Encoding.UTF8.GetBytes(identifier.Value, text[written..]);
            Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
            var hash = t_sha256 ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            hash.AppendData(text[..written]);
            hash.GetHashAndReset(digest);
            Convert.TryToBase64Chars(digest, destination, out _);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}

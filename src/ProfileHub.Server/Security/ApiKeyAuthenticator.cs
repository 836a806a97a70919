using System.Security.Cryptography;
using System.Text;

namespace ProfileHub.Server.Security;

/// <summary>Checks static API keys by their SHA-256, in constant time, against every configured key.</summary>
internal sealed class ApiKeyAuthenticator
{
    private readonly (byte[] Hash, CallerIdentity Identity)[] _keys;

    public ApiKeyAuthenticator(IEnumerable<ApiKeyOptions> keys)
    {
        _keys = [.. keys.Select(k => (Convert.FromHexString(k.Hash.Trim()), new CallerIdentity(k.Name, "apikey", k.Scopes.ToHashSet(StringComparer.Ordinal))))];
    }

    /// <summary>The key's identity, or null when no configured key matches.</summary>
    public CallerIdentity? Find(string key)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), hash);
        CallerIdentity? match = null;
        // Every key is compared, so the time taken does not reveal which (or whether one) matched early.
        foreach (var (expected, identity) in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, expected))
            {
                match = identity;
            }
        }

        return match;
    }
}

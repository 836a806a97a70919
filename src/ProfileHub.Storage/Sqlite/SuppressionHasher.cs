using System.Security.Cryptography;
using System.Text;
using ProfileHub.Core.Identity;

namespace ProfileHub.Storage.Sqlite;

/// <summary>HMAC-SHA256 of a normalized identifier under the deployment's salt: what the suppression list stores instead of the value.</summary>
internal static class SuppressionHasher
{
    public static byte[] Hash(byte[] salt, IdentifierKey key) =>
        HMACSHA256.HashData(salt, Encoding.UTF8.GetBytes(string.Concat(key.Type, ":", key.Value)));

    /// <summary>A short unsalted digest for logs: enough to correlate reports, not to recover a value.</summary>
    public static string LogHash(IdentifierKey key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Concat(key.Type, ":", key.Value))))[..12];
}

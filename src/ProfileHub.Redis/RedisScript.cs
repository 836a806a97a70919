using System.Security.Cryptography;
using System.Text;

namespace ProfileHub.Redis;

/// <summary>
/// A Lua script with its SHA1 computed once, run with <c>EVALSHA</c> and re-sent with
/// <c>EVAL</c> when the server answers <c>NOSCRIPT</c> (after a restart or <c>SCRIPT FLUSH</c>).
/// </summary>
public sealed class RedisScript
{
    /// <summary>Creates a script.</summary>
    /// <param name="source">The Lua source.</param>
    public RedisScript(string source)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        Source = source;
#pragma warning disable CA5350 // SHA1 is what Redis uses to name scripts, not a security measure.
        Sha1 = Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(source)));
#pragma warning restore CA5350
    }

    /// <summary>The Lua source.</summary>
    public string Source { get; }

    /// <summary>Lower-case hex SHA1 of the source, as Redis names it.</summary>
    public string Sha1 { get; }
}

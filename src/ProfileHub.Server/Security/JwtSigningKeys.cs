using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace ProfileHub.Server.Security;

/// <summary>Turns configured signing keys (base64 symmetric or PEM public keys) into security keys.</summary>
internal static class JwtSigningKeys
{
    public static SecurityKey Parse(string text, int index)
    {
        var key = $"{AuthOptions.SectionName}:Jwt:SigningKeys:{index}";
        var trimmed = text.Trim();
        if (trimmed.StartsWith("-----BEGIN", StringComparison.Ordinal))
        {
            return ParsePem(trimmed, key);
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(trimmed);
        }
        catch (FormatException)
        {
            throw new FormatException($"{key} is neither base64 (a symmetric key) nor a PEM public key.");
        }

        if (bytes.Length < 32)
        {
            throw new FormatException($"{key}: a symmetric key must be at least 256 bits (32 bytes); it has {bytes.Length} bytes.");
        }

        return new SymmetricSecurityKey(bytes);
    }

    private static SecurityKey ParsePem(string pem, string key)
    {
        if (pem.Contains("PRIVATE KEY", StringComparison.Ordinal))
        {
            throw new FormatException($"{key} holds a private key; configure only the public key.");
        }

        try
        {
            var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            return new RsaSecurityKey(rsa);
        }
        catch (ArgumentException)
        {
        }
        catch (CryptographicException)
        {
        }

        try
        {
            var ec = ECDsa.Create();
            ec.ImportFromPem(pem);
            return new ECDsaSecurityKey(ec);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            throw new FormatException($"{key} is not a PEM RSA or EC public key: {e.Message}");
        }
    }
}

namespace ProfileHub.Grpc.Internal;

/// <summary>Key and value rules from the gRPC HTTP/2 spec ("Custom-Metadata").</summary>
internal static class MetadataValidation
{
    public const string BinarySuffix = "-bin";

    public static bool IsBinaryKey(string key) => key.EndsWith(BinarySuffix, StringComparison.Ordinal);

    public static string NormalizeKey(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var normalized = key.ToLowerInvariant();
        foreach (var c in normalized)
        {
            var valid = c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.';
            if (!valid)
            {
                throw new ArgumentException($"Metadata key '{key}' contains '{c}': only a-z, 0-9, '-', '_' and '.' are allowed.", nameof(key));
            }
        }

        // grpc-* keys are the protocol's own (status, timeout, encoding): letting callers set them would corrupt the call.
        if (normalized.StartsWith("grpc-", StringComparison.Ordinal))
        {
            throw new ArgumentException($"Metadata key '{key}' is reserved for the gRPC protocol.", nameof(key));
        }

        return normalized;
    }

    public static void ValidateTextValue(string key, string value)
    {
        foreach (var c in value)
        {
            if (c is < ' ' or > '~')
            {
                throw new ArgumentException($"Metadata value for '{key}' must be printable ASCII; use a \"-bin\" key for other data.", nameof(value));
            }
        }
    }

    /// <summary>Base64 without padding, as the spec asks senders to emit.</summary>
    public static string EncodeBinary(byte[] value) => Convert.ToBase64String(value).TrimEnd('=');

    /// <summary>Accepts padded and unpadded base64 (the spec requires both).</summary>
    public static bool TryDecodeBinary(string text, out byte[] value)
    {
        var trimmed = text.Trim();
        var padding = (4 - (trimmed.Length % 4)) % 4;
        if (padding == 3)
        {
            value = [];
            return false;
        }

        var padded = padding == 0 ? trimmed : trimmed + new string('=', padding);
        try
        {
            value = Convert.FromBase64String(padded);
            return true;
        }
        catch (FormatException)
        {
            value = [];
            return false;
        }
    }
}

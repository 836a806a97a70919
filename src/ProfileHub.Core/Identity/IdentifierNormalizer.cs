using System.Diagnostics.CodeAnalysis;

namespace ProfileHub.Core.Identity;

/// <summary>
/// Turns raw identifier values into normalized keys: emails trimmed and lower-cased, phones to
/// E.164 with the default country, ids trimmed. Values with control characters are rejected.
/// </summary>
public sealed class IdentifierNormalizer
{
    private const int MaxEmailLength = 254;
    private static readonly System.Buffers.SearchValues<char> NotInEmail = System.Buffers.SearchValues.Create(" \t,;<>()[]\\\"");
    private readonly PhoneNumberNormalizer phones;

    /// <summary>Creates a normalizer whose national phone numbers belong to <paramref name="defaultCountry"/>.</summary>
    /// <exception cref="IdentityConfigurationException">The country is not in <see cref="CallingCountries"/>.</exception>
    public IdentifierNormalizer(string defaultCountry)
    {
        if (!CallingCountries.TryGet(defaultCountry, out var country))
        {
            throw new IdentityConfigurationException(
                IdentitySettings.SectionName + ":DefaultCountry",
                $"unknown country \"{defaultCountry}\" (use an ISO 3166 alpha-2 code such as US, GB, DE)");
        }

        DefaultCountry = country;
        phones = new PhoneNumberNormalizer(country);
    }

    /// <summary>The country national phone numbers are assumed to belong to.</summary>
    public CallingCountry DefaultCountry { get; }

    /// <summary>Normalizes <paramref name="raw"/> the way <paramref name="normalization"/> says.</summary>
    /// <returns>False with a reason (that does not repeat the value) when the value cannot be an identifier of that kind.</returns>
    public bool TryNormalize(
        IdentifierNormalization normalization,
        string raw,
        [NotNullWhen(true)] out string? normalized,
        [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(raw);
        normalized = null;
        // Surrounding whitespace (tabs, a trailing newline from a CSV export) is noise; control characters inside are not.
        var trimmed = raw.Trim();
        if (trimmed.Length == 0)
        {
            error = "empty value";
            return false;
        }

        if (trimmed.AsSpan().IndexOfAnyInRange('\u0000', '\u001f') >= 0 || trimmed.Contains('\u007f', StringComparison.Ordinal))
        {
            error = "value contains control characters";
            return false;
        }

        switch (normalization)
        {
            case IdentifierNormalization.Email:
                return TryNormalizeEmail(trimmed, out normalized, out error);
            case IdentifierNormalization.Phone:
                if (phones.TryNormalize(trimmed, out var phone, out error))
                {
                    normalized = phone;
                    return true;
                }

                return false;
            case IdentifierNormalization.Lower:
                normalized = trimmed.ToLowerInvariant();
                error = null;
                return true;
            default:
                normalized = trimmed;
                error = null;
                return true;
        }
    }

    private static bool TryNormalizeEmail(string trimmed, [NotNullWhen(true)] out string? normalized, [NotNullWhen(false)] out string? error)
    {
        normalized = null;
        var at = trimmed.IndexOf('@', StringComparison.Ordinal);
        if (at < 0)
        {
            error = "email address has no '@'";
            return false;
        }

        var local = trimmed.AsSpan(0, at);
        var domain = trimmed.AsSpan(at + 1);
        if (trimmed.Length > MaxEmailLength || local.Length == 0 || domain.Length < 3 || domain.Contains('@')
            || domain[0] == '.' || domain[^1] == '.' || !domain.Contains('.') || domain.Contains("..", StringComparison.Ordinal)
            || local[0] == '.' || local[^1] == '.' || local.Contains("..", StringComparison.Ordinal)
            || trimmed.AsSpan().IndexOfAny(NotInEmail) >= 0)
        {
            error = "malformed email address";
            return false;
        }

        normalized = trimmed.ToLowerInvariant();
        error = null;
        return true;
    }
}

namespace ProfileHub.Core.Identity;

/// <summary>How the raw values of an identifier type become normalized keys.</summary>
public enum IdentifierNormalization
{
    /// <summary>Surrounding whitespace removed; case kept (ids are case-sensitive in most systems).</summary>
    Trim = 1,

    /// <summary>Trimmed, lower-cased, and checked to look like an address (<c>local@domain.tld</c>).</summary>
    Email = 2,

    /// <summary>Digits to E.164 (<c>+</c>, country calling code, national number) using the default country for national numbers.</summary>
    Phone = 3,

    /// <summary>Trimmed and lower-cased (for ids a source treats case-insensitively).</summary>
    Lower = 4,
}

namespace ProfileHub.Core.Identity;

/// <summary>
/// Identity resolution configuration, bound by the host from the <c>ProfileHub:Identity</c> section.
/// </summary>
/// <remarks>
/// <see cref="Types"/> starts empty on purpose: the configuration binder merges keys into a
/// dictionary that already has entries, so pre-filling the defaults would silently mix them with a
/// deployment's own table. An empty <see cref="Types"/> means "the default table"
/// (<see cref="DefaultTypes"/>, as in the product design); when the configuration has a
/// <c>Types</c> section it REPLACES the default table entirely, so every type a deployment accepts
/// is listed in one place. <see cref="GlobalBlocklist"/> is the opposite: configured values are
/// appended to the built-in junk values, which is what an operator adding a junk value wants.
/// </remarks>
public sealed class IdentitySettings
{
    /// <summary>The configuration section the host binds.</summary>
    public const string SectionName = "ProfileHub:Identity";

    /// <summary>ISO 3166 alpha-2 country whose calling code national phone numbers get (default <c>US</c>).</summary>
    public string DefaultCountry { get; set; } = "US";

    /// <summary>A device-like identifier seen with more than this many distinct people becomes shared (default 3).</summary>
    public int SharedDeviceThreshold { get; set; } = 3;

    /// <summary>Longest accepted identifier value in UTF-8 bytes (default 512).</summary>
    public int MaxValueBytes { get; set; } = 512;

    /// <summary>Most identifiers one record may carry (default 100).</summary>
    public int MaxIdentifiersPerRecord { get; set; } = 100;

    /// <summary>Identifier types by type key. Empty means <see cref="DefaultTypes"/>; see the remarks.</summary>
    public Dictionary<string, IdentifierTypeSettings> Types { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Junk values ignored for every type, compared case-insensitively to the trimmed and to the normalized value.</summary>
    public List<string> GlobalBlocklist { get; set; } =
    [
        "null", "undefined", "none", "nil", "n/a", "unknown", "-", "0", "test", "test@test.com",
        "test@example.com", "noemail@noemail.com", "no@email.com", "00000000-0000-0000-0000-000000000000",
    ];

    /// <summary>The default identifier types from the product design (crm_id … device_id).</summary>
    public static Dictionary<string, IdentifierTypeSettings> DefaultTypes() => new(StringComparer.Ordinal)
    {
        ["crm_id"] = new() { Normalizer = "trim", MaxPerProfile = 1, Priority = 1 },
        ["user_id"] = new() { Normalizer = "trim", MaxPerProfile = 1, Priority = 2 },
        ["email"] = new() { Normalizer = "email", MaxPerProfile = 5, Priority = 3 },
        ["phone"] = new() { Normalizer = "phone", MaxPerProfile = 3, Priority = 4 },
        ["esp_id"] = new() { Normalizer = "trim", MaxPerProfile = 3, Priority = 5 },
        ["support_id"] = new() { Normalizer = "trim", MaxPerProfile = 3, Priority = 6 },
        ["device_id"] = new() { Normalizer = "trim", MaxPerProfile = 100, Priority = 7, DeviceLike = true },
    };
}

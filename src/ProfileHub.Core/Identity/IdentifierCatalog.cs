using System.Diagnostics.CodeAnalysis;

namespace ProfileHub.Core.Identity;

/// <summary>
/// The validated identifier types of a deployment (from <see cref="IdentitySettings"/>), the
/// normalizer that goes with them, and the junk values to ignore.
/// </summary>
public sealed class IdentifierCatalog
{
    private readonly Dictionary<string, IdentifierType> byKey;
    private readonly HashSet<string> globalBlocklist;

    private IdentifierCatalog(IdentitySettings settings, IdentifierNormalizer normalizer, List<IdentifierType> types, HashSet<string> globalBlocklist)
    {
        Settings = settings;
        Normalizer = normalizer;
        Types = types;
        byKey = types.ToDictionary(t => t.Key, StringComparer.Ordinal);
        this.globalBlocklist = globalBlocklist;
    }

    /// <summary>The settings the catalog was created from.</summary>
    public IdentitySettings Settings { get; }

    /// <summary>The value normalizer (default country applied).</summary>
    public IdentifierNormalizer Normalizer { get; }

    /// <summary>All types, highest priority first (then by key, ordinal).</summary>
    public IReadOnlyList<IdentifierType> Types { get; }

    /// <summary>
    /// Validates <paramref name="settings"/> and builds the catalog. An empty
    /// <see cref="IdentitySettings.Types"/> means <see cref="IdentitySettings.DefaultTypes"/>.
    /// </summary>
    /// <exception cref="IdentityConfigurationException">A setting is invalid; the message names its key.</exception>
    public static IdentifierCatalog Create(IdentitySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        const string section = IdentitySettings.SectionName;
        if (settings.SharedDeviceThreshold < 1)
            throw new IdentityConfigurationException(section + ":SharedDeviceThreshold", "must be ≥ 1");
        if (settings.MaxValueBytes < 1)
            throw new IdentityConfigurationException(section + ":MaxValueBytes", "must be ≥ 1");
        if (settings.MaxIdentifiersPerRecord < 1)
            throw new IdentityConfigurationException(section + ":MaxIdentifiersPerRecord", "must be ≥ 1");

        var normalizer = new IdentifierNormalizer(settings.DefaultCountry);
        var configured = settings.Types is { Count: > 0 } ? settings.Types : IdentitySettings.DefaultTypes();
        var types = new List<IdentifierType>(configured.Count);
        foreach (var (key, typeSettings) in configured)
            types.Add(CreateType(normalizer, key, typeSettings));

        types.Sort((a, b) => a.Priority != b.Priority ? a.Priority.CompareTo(b.Priority) : string.CompareOrdinal(a.Key, b.Key));
        var global = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var junk in settings.GlobalBlocklist ?? [])
        {
            if (!string.IsNullOrWhiteSpace(junk))
                global.Add(junk.Trim());
        }

        return new IdentifierCatalog(settings, normalizer, types, global);
    }

    /// <summary>Finds a type by its key (exact, ordinal: type keys are lower-case snake case).</summary>
    public bool TryGet(string type, [NotNullWhen(true)] out IdentifierType? identifierType) =>
        byKey.TryGetValue(type ?? string.Empty, out identifierType);

    /// <summary>The type with key <paramref name="type"/>.</summary>
    /// <exception cref="ArgumentException">The type is not in the catalog.</exception>
    public IdentifierType Get(string type) =>
        TryGet(type, out var found) ? found : throw new ArgumentException($"unknown identifier type \"{type}\"", nameof(type));

    /// <summary>
    /// True when the value is junk for <paramref name="type"/>: in the global blocklist (trimmed or
    /// normalized, case-insensitive) or in the type's own blocklist (normalized).
    /// </summary>
    public bool IsJunk(IdentifierType type, string raw, string? normalized)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(raw);
        if (globalBlocklist.Contains(raw.Trim()))
            return true;
        return normalized is not null && (globalBlocklist.Contains(normalized) || type.Blocklist.Contains(normalized));
    }

    private static IdentifierType CreateType(IdentifierNormalizer normalizer, string key, IdentifierTypeSettings? settings)
    {
        var prefix = IdentitySettings.SectionName + ":Types:" + key;
        if (string.IsNullOrWhiteSpace(key) || key.Any(c => !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_')))
            throw new IdentityConfigurationException(prefix, "type keys must be lower-case letters, digits and '_'");
        if (settings is null)
            throw new IdentityConfigurationException(prefix, "missing type settings");
        if (settings.MaxPerProfile < 1)
            throw new IdentityConfigurationException(prefix + ":MaxPerProfile", "must be ≥ 1");
        if (settings.Priority < 1)
            throw new IdentityConfigurationException(prefix + ":Priority", "must be ≥ 1 (1 is the highest priority)");

        var normalization = (settings.Normalizer ?? string.Empty).Trim().ToLowerInvariant() switch
        {
            "trim" => IdentifierNormalization.Trim,
            "email" => IdentifierNormalization.Email,
            "phone" => IdentifierNormalization.Phone,
            "lower" => IdentifierNormalization.Lower,
            _ => throw new IdentityConfigurationException(prefix + ":Normalizer", $"unknown normalizer \"{settings.Normalizer}\" (use trim, email, phone or lower)"),
        };

        var blocklist = new HashSet<string>(StringComparer.Ordinal);
        foreach (var junk in settings.Blocklist ?? [])
        {
            // A junk value that does not even normalize can never match a normalized key: keep its
            // lower-cased trimmed form so an operator's entry is never silently meaningless.
            blocklist.Add(normalizer.TryNormalize(normalization, junk ?? string.Empty, out var value, out _) ? value : (junk ?? string.Empty).Trim().ToLowerInvariant());
        }

        return new IdentifierType(key, normalization, settings.MaxPerProfile, settings.Priority, settings.DeviceLike, blocklist);
    }
}

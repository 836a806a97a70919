namespace ProfileHub.Core.Identity;

/// <summary>One validated identifier type of the catalog.</summary>
/// <param name="Key">Type key as records send it, for example <c>email</c>.</param>
/// <param name="Normalization">How raw values are normalized.</param>
/// <param name="MaxPerProfile">How many identifiers of this type one profile may hold.</param>
/// <param name="Priority">Linking priority, 1 = highest.</param>
/// <param name="DeviceLike">Tracked for shared-device detection; never fuses two identified people alone.</param>
/// <param name="Blocklist">Normalized junk values of this type.</param>
public sealed record IdentifierType(
    string Key,
    IdentifierNormalization Normalization,
    int MaxPerProfile,
    int Priority,
    bool DeviceLike,
    IReadOnlySet<string> Blocklist);

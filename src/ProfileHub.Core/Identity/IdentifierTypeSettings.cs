namespace ProfileHub.Core.Identity;

/// <summary>
/// Configuration of one identifier type, bound from <c>ProfileHub:Identity:Types:&lt;type&gt;</c>.
/// </summary>
public sealed class IdentifierTypeSettings
{
    /// <summary>Normalizer name: <c>trim</c>, <c>email</c>, <c>phone</c> or <c>lower</c>.</summary>
    public string Normalizer { get; set; } = "trim";

    /// <summary>How many identifiers of this type one profile may hold (≥ 1).</summary>
    public int MaxPerProfile { get; set; } = 1;

    /// <summary>Linking priority: 1 is the highest. On a limit conflict the lower-priority identifiers give way.</summary>
    public int Priority { get; set; } = 100;

    /// <summary>Junk values of this type that are ignored (compared after normalization).</summary>
    public List<string> Blocklist { get; set; } = [];

    /// <summary>
    /// True for device-like types (cookies, app instances): they are tracked for shared-device
    /// detection and never fuse two identified people on their own.
    /// </summary>
    public bool DeviceLike { get; set; }
}

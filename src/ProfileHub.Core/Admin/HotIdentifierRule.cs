namespace ProfileHub.Core.Admin;

/// <summary>
/// Decides whether an identifier is hot: it linked (merged, or tried to link against a limit) more
/// than <see cref="QuarantineSettings.MaxProfiles"/> distinct profiles within the window. Pure: the
/// store keeps the link log and asks.
/// </summary>
public sealed class HotIdentifierRule
{
    private readonly QuarantineSettings _settings;

    /// <summary>Creates the rule; throws when the settings are unusable.</summary>
    public HotIdentifierRule(QuarantineSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.MaxProfiles < 1)
            throw new ArgumentOutOfRangeException(nameof(settings), settings.MaxProfiles, QuarantineSettings.SectionName + ":MaxProfiles must be ≥ 1");
        if (settings.Window <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(settings), settings.Window, QuarantineSettings.SectionName + ":Window must be positive");
        _settings = settings;
    }

    /// <summary>False when quarantine is turned off.</summary>
    public bool Enabled => _settings.Enabled;

    /// <summary>Links older than this no longer count at <paramref name="now"/>.</summary>
    public DateTimeOffset WindowStart(DateTimeOffset now) => now - _settings.Window;

    /// <summary>
    /// True when the links (profile id, time) of one identifier make it hot at <paramref name="now"/>.
    /// </summary>
    public bool IsHot(IEnumerable<(string ProfileId, DateTimeOffset At)> links, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(links);
        if (!_settings.Enabled)
        {
            return false;
        }

        var start = WindowStart(now);
        var distinct = links.Where(l => l.At > start && l.At <= now).Select(l => l.ProfileId).Distinct(StringComparer.Ordinal).Count();
        return distinct > _settings.MaxProfiles;
    }
}

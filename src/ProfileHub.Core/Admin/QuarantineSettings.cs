namespace ProfileHub.Core.Admin;

/// <summary>
/// When an identifier links so many distinct profiles so fast that it is more likely a shared or
/// abused value than a person's, bound from <c>ProfileHub:Identity:Quarantine</c>.
/// </summary>
public sealed class QuarantineSettings
{
    /// <summary>The configuration section these settings are bound from.</summary>
    public const string SectionName = "ProfileHub:Identity:Quarantine";

    /// <summary>False turns quarantine off.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>An identifier linking more than this many distinct profiles within <see cref="Window"/> is quarantined.</summary>
    public int MaxProfiles { get; set; } = 20;

    /// <summary>The sliding window the distinct profiles are counted in.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(1);
}

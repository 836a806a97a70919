namespace ProfileHub.Core.Journey;

/// <summary>
/// The journey configuration, bound by the host from the <c>ProfileHub:Journey</c> section.
/// </summary>
/// <remarks>
/// <see cref="Stages"/> starts empty on purpose: the configuration binder appends to a list that
/// already has items, so pre-filling defaults would mix them with configured stages. An empty list
/// means "use the default catalog" (<see cref="CreateDefault"/>); when the configuration section
/// has <c>Stages</c>, they replace the defaults entirely (no merging by key).
/// </remarks>
public sealed class JourneySettings
{
    /// <summary>The configuration section the host binds.</summary>
    public const string SectionName = "ProfileHub:Journey";

    /// <summary>Ordered stage catalog, lowest stage first. Empty means the default catalog.</summary>
    public List<StageSettings> Stages { get; set; } = [];

    /// <summary>
    /// Inactivity after reaching onboarding that flags a profile <c>at_risk</c> (default 30 days).
    /// </summary>
    public TimeSpan AtRiskAfter { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Settings holding the default catalog from the product design (awareness … advocacy).</summary>
    public static JourneySettings CreateDefault() => new() { Stages = DefaultJourney.CreateStages() };
}

namespace ProfileHub.Core.Journey;

/// <summary>
/// The churn signal: a profile that has reached onboarding (or a later stage) and shows no activity
/// for <see cref="StageCatalog.AtRiskAfter"/> is at risk. When the catalog has no
/// <c>onboarding</c> stage, the 4th stage plays its part (the last stage in a catalog shorter than four).
/// </summary>
public sealed class AtRiskPolicy
{
    /// <summary>The key of the stage from which inactivity counts as churn risk.</summary>
    public const string OnboardingKey = "onboarding";

    private const int OnboardingPosition = 4;

    private readonly TimeSpan atRiskAfter;

    /// <summary>Creates the policy for <paramref name="catalog"/>.</summary>
    public AtRiskPolicy(StageCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        atRiskAfter = catalog.AtRiskAfter;
        OnboardingOrder = catalog.Find(OnboardingKey)?.Order ?? Math.Min(OnboardingPosition, catalog.Stages.Count);
    }

    /// <summary>Order of the stage from which a profile can be at risk.</summary>
    public int OnboardingOrder { get; }

    /// <summary>
    /// True when <paramref name="stageOrder"/> is at or past onboarding and the last activity is at
    /// least <see cref="StageCatalog.AtRiskAfter"/> before <paramref name="now"/>. A profile without
    /// any recorded activity is not at risk (it has no stage either).
    /// </summary>
    public bool IsAtRisk(int stageOrder, DateTimeOffset? lastActivityAt, DateTimeOffset now) =>
        OnboardingOrder > 0
        && stageOrder >= OnboardingOrder
        && lastActivityAt is { } last
        && now - last >= atRiskAfter;

    /// <summary>
    /// The time at which a profile with this last activity becomes at risk, so a sweep can find the
    /// profiles due without evaluating each one.
    /// </summary>
    public DateTimeOffset AtRiskFrom(DateTimeOffset lastActivityAt) => lastActivityAt + atRiskAfter;
}

using ProfileHub.Core.Identity;
using ProfileHub.Core.Ingest;
using ProfileHub.Core.Journey;
using ProfileHub.Core.Profiles;
using ProfileHub.Core.Traits;

namespace ProfileHub.Storage;

/// <summary>The store's rules, delegated to the Core services the host configured.</summary>
internal sealed class CoreIngestRules(
    IdentityResolver resolver,
    TraitReconciler traits,
    StageCatalog catalog,
    StageEvaluator evaluator,
    AtRiskPolicy atRisk) : IIngestRules, Sqlite.IMergeLimits
{
    public LimitViolation? CheckMerge(ProfileIdentity a, ProfileIdentity b) => resolver.CheckMerge(a, b);

    public ResolutionDecision Resolve(NormalizedRecord record, IdentityNeighborhood neighborhood) => resolver.Resolve(record, neighborhood);

    public (IReadOnlyDictionary<string, TraitValue> Traits, IReadOnlyList<string> Changed) ApplyTraits(IReadOnlyDictionary<string, TraitValue> current, NormalizedRecord record)
    {
        var reconciled = traits.Apply(current, record);
        return (reconciled.Traits, reconciled.ChangedNames);
    }

    public IReadOnlyDictionary<string, TraitValue> MergeTraits(IReadOnlyDictionary<string, TraitValue> survivor, IReadOnlyDictionary<string, TraitValue> absorbed) =>
        traits.Merge(survivor, absorbed).Traits;

    public bool IsStageRelevant(string eventName) => catalog.IsRelevant(eventName);

    public StageEvaluation EvaluateStage(IReadOnlyList<JourneyEvent> events) => evaluator.Evaluate(events);

    public bool IsAtRisk(int order, DateTimeOffset? lastActivityAt, DateTimeOffset now) => atRisk.IsAtRisk(order, lastActivityAt, now);
}

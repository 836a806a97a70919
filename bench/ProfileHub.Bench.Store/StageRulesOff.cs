using ProfileHub.Core.Identity;
using ProfileHub.Core.Ingest;
using ProfileHub.Core.Journey;
using ProfileHub.Core.Profiles;
using ProfileHub.Storage;

namespace ProfileHub.Bench.Store;

/// <summary>The same rules with stage evaluation switched off: the baseline of the rules on/off ratio.</summary>
internal sealed class StageRulesOff(IIngestRules inner) : IIngestRules
{
    public ResolutionDecision Resolve(NormalizedRecord record, IdentityNeighborhood neighborhood) => inner.Resolve(record, neighborhood);

    public (IReadOnlyDictionary<string, TraitValue> Traits, IReadOnlyList<string> Changed) ApplyTraits(IReadOnlyDictionary<string, TraitValue> current, NormalizedRecord record) =>
        inner.ApplyTraits(current, record);

    public IReadOnlyDictionary<string, TraitValue> MergeTraits(IReadOnlyDictionary<string, TraitValue> survivor, IReadOnlyDictionary<string, TraitValue> absorbed) =>
        inner.MergeTraits(survivor, absorbed);

    public bool IsStageRelevant(string eventName) => false;

    public StageEvaluation EvaluateStage(IReadOnlyList<JourneyEvent> events) => new(null, 0, null, [], null);

    public bool IsAtRisk(int order, DateTimeOffset? lastActivityAt, DateTimeOffset now) => false;
}

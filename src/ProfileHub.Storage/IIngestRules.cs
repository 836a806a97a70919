using ProfileHub.Core.Identity;
using ProfileHub.Core.Ingest;
using ProfileHub.Core.Journey;
using ProfileHub.Core.Profiles;

namespace ProfileHub.Storage;

/// <summary>
/// The Core decisions a store applies inside its transactions: identity resolution, trait
/// reconciliation and stage evaluation. One seam, so every store applies the same rules.
/// </summary>
internal interface IIngestRules
{
    /// <summary>Decides create / attach / merge for one record against the part of the graph it touches.</summary>
    ResolutionDecision Resolve(NormalizedRecord record, IdentityNeighborhood neighborhood);

    /// <summary>Reconciles a record's traits into the profile's; returns the new traits and the names that changed.</summary>
    (IReadOnlyDictionary<string, TraitValue> Traits, IReadOnlyList<string> Changed) ApplyTraits(IReadOnlyDictionary<string, TraitValue> current, NormalizedRecord record);

    /// <summary>Combines the traits of two merged profiles.</summary>
    IReadOnlyDictionary<string, TraitValue> MergeTraits(IReadOnlyDictionary<string, TraitValue> survivor, IReadOnlyDictionary<string, TraitValue> absorbed);

    /// <summary>True when an event with this name can affect a stage rule.</summary>
    bool IsStageRelevant(string eventName);

    /// <summary>The journey computed from a profile's relevant events.</summary>
    StageEvaluation EvaluateStage(IReadOnlyList<JourneyEvent> events);

    /// <summary>Whether a profile at stage <paramref name="order"/> with this last activity is at risk at <paramref name="now"/>.</summary>
    bool IsAtRisk(int order, DateTimeOffset? lastActivityAt, DateTimeOffset now);
}

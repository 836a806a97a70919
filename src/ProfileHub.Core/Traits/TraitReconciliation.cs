using ProfileHub.Core.Profiles;

namespace ProfileHub.Core.Traits;

/// <summary>Reconciled traits and the names whose value or provenance changed.</summary>
/// <param name="Traits">The traits after reconciliation.</param>
/// <param name="ChangedNames">Names of traits that changed (ordinal order).</param>
public sealed record TraitReconciliation(IReadOnlyDictionary<string, TraitValue> Traits, IReadOnlyList<string> ChangedNames);

namespace ProfileHub.Storage;

/// <summary>Counts for dashboards, read with a few aggregate queries (cheap enough to poll every few seconds).</summary>
/// <param name="ProfilesByStage">Live profiles per stage key; profiles before any stage under the empty key.</param>
/// <param name="SharedIdentifiers">Identifiers marked shared (devices seen with too many people).</param>
/// <param name="LimitConflicts">Identifier-limit conflicts counted by this process since it started.</param>
public sealed record StoreStatistics(IReadOnlyDictionary<string, long> ProfilesByStage, long SharedIdentifiers, long LimitConflicts);

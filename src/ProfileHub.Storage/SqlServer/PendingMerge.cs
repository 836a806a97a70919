namespace ProfileHub.Storage.SqlServer;

/// <summary>A merge-log row: which record merged which profile into which, when.</summary>
internal sealed record PendingMerge(string AbsorbedId, string SurvivorId, string Source, string RecordId, string Rule, long At);

using ProfileHub.Core.Ingest;

namespace ProfileHub.Storage.SqlServer;

/// <summary>An accepted record waiting for the batch's commit; <see cref="ProfileId"/> is re-resolved through merges then.</summary>
internal sealed record PendingRecord(NormalizedRecord Record, string ProfileId, bool StageRelevant);

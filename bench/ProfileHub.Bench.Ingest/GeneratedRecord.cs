using ProfileHub.Core.Ingest;

namespace ProfileHub.Bench.Ingest;

/// <summary>A generated record and the person who really produced it (the ground truth).</summary>
public sealed record GeneratedRecord(IncomingRecord Record, int PersonId);

namespace ProfileHub.Core.Profiles;

/// <summary>
/// What the hot path answers: a profile's journey stage. <see cref="Stage"/> is null before any
/// stage rule holds.
/// </summary>
public sealed record StageView(
    string ProfileId,
    string? Stage,
    int StageOrder,
    DateTimeOffset? EnteredAt,
    bool AtRisk,
    long Version);

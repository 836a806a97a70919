namespace ProfileHub.Core.Changes;

/// <summary>
/// One committed entry of the change feed. <see cref="Sequence"/> is strictly increasing in commit
/// order, so a reader that remembers the last sequence it processed never misses or repeats one.
/// </summary>
public sealed record ProfileChange(
    long Sequence,
    ChangeKind Kind,
    string ProfileId,
    DateTimeOffset At,
    IReadOnlyList<string> MergedProfileIds,
    IReadOnlyList<string> SplitProfileIds,
    string? FromStage,
    string? ToStage,
    bool? AtRisk,
    string? CausedBy,
    IReadOnlyList<string> TraitNames);

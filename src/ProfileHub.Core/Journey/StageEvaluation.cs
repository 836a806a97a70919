namespace ProfileHub.Core.Journey;

/// <summary>The journey computed from a profile's whole event history.</summary>
/// <param name="Stage">Current stage key; null when no rule has held yet.</param>
/// <param name="Order">Order of <paramref name="Stage"/>; 0 when none.</param>
/// <param name="EnteredAt">Event time at which the current stage was entered.</param>
/// <param name="Transitions">Every stage change, oldest first.</param>
/// <param name="LastActivityAt">Time of the latest event of the history; null when it is empty.</param>
public sealed record StageEvaluation(
    string? Stage,
    int Order,
    DateTimeOffset? EnteredAt,
    IReadOnlyList<StageTransition> Transitions,
    DateTimeOffset? LastActivityAt);

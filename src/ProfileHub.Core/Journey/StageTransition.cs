namespace ProfileHub.Core.Journey;

/// <summary>One step of a profile's journey.</summary>
/// <param name="FromStage">Stage left; null for the first stage entered.</param>
/// <param name="ToStage">Stage entered.</param>
/// <param name="ToOrder">Catalog order (1-based) of <paramref name="ToStage"/>.</param>
/// <param name="At">Event time at which the rule first held.</param>
/// <param name="Source">Source of the record whose event made the rule hold.</param>
/// <param name="RecordId">Record id of that record.</param>
/// <param name="Reason">The rule that fired, for example <c>stage:decision</c>.</param>
public sealed record StageTransition(
    string? FromStage,
    string ToStage,
    int ToOrder,
    DateTimeOffset At,
    string Source,
    string RecordId,
    string Reason);

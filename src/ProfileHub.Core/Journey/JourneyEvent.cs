namespace ProfileHub.Core.Journey;

/// <summary>An event of a profile's history, as the stage rules see it.</summary>
/// <param name="Source">Source system of the record.</param>
/// <param name="RecordId">Record id within the source.</param>
/// <param name="Name">Event name (for example <c>cart_added</c>).</param>
/// <param name="OccurredAt">When it happened (event time, not arrival time).</param>
/// <param name="Properties">Event properties.</param>
public sealed record JourneyEvent(
    string Source,
    string RecordId,
    string Name,
    DateTimeOffset OccurredAt,
    IReadOnlyDictionary<string, string> Properties);

namespace ProfileHub.Core.Journey;

/// <summary>Reads a profile's stage history.</summary>
public static class StageHistory
{
    /// <summary>
    /// The transition in force at <paramref name="asOf"/>: the furthest stage entered at or before
    /// that time, or null when no stage had been entered yet. The history need not be sorted.
    /// </summary>
    public static StageTransition? StageAt(IReadOnlyList<StageTransition> history, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(history);
        StageTransition? inForce = null;
        for (var i = 0; i < history.Count; i++)
        {
            var transition = history[i];
            if (transition.At <= asOf && (inForce is null || IsLater(transition, inForce)))
            {
                inForce = transition;
            }
        }

        return inForce;
    }

    private static bool IsLater(StageTransition candidate, StageTransition inForce) =>
        candidate.At > inForce.At || (candidate.At == inForce.At && candidate.ToOrder > inForce.ToOrder);
}

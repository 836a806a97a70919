namespace ProfileHub.Core.Journey.Rules;

/// <summary>
/// The evaluation order of events: by time, then source and record id (ordinal), so any arrival
/// order of the same history gives the same walk.
/// </summary>
internal sealed class JourneyEventOrder : IComparer<JourneyEvent>
{
    public static readonly JourneyEventOrder Instance = new();

    public int Compare(JourneyEvent? x, JourneyEvent? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        var byTime = x.OccurredAt.UtcTicks.CompareTo(y.OccurredAt.UtcTicks);
        if (byTime != 0)
        {
            return byTime;
        }

        var bySource = string.CompareOrdinal(x.Source, y.Source);
        if (bySource != 0)
        {
            return bySource;
        }

        var byRecord = string.CompareOrdinal(x.RecordId, y.RecordId);
        return byRecord != 0 ? byRecord : string.CompareOrdinal(x.Name, y.Name);
    }
}

namespace ProfileHub.Core.Journey.Rules;

/// <summary>Nearest-rank percentiles: the sample at rank ⌈p·n⌉ of the sorted samples.</summary>
internal static class NearestRank
{
    public static TimeSpan? Percentile(IReadOnlyList<TimeSpan> sorted, double p)
    {
        if (sorted.Count == 0)
        {
            return null;
        }

        var rank = (int)Math.Ceiling(p * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }
}

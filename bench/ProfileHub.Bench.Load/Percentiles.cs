namespace ProfileHub.Bench.Load;

/// <summary>Nearest-rank percentiles, the definition the transport bench's summaries use.</summary>
internal static class Percentiles
{
    public static double Of(IReadOnlyList<double> sorted, double fraction)
    {
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var rank = Math.Max(1, (int)Math.Ceiling(fraction * sorted.Count));
        return sorted[rank - 1];
    }
}

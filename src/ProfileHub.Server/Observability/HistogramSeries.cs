namespace ProfileHub.Server.Observability;

/// <summary>Bucket counts (non-cumulative while recording; the last one is +Inf) and the sum of one histogram series.</summary>
internal sealed class HistogramSeries(int bounds)
{
    public long[] Counts { get; } = new long[bounds + 1];

    public DoubleCell Sum { get; } = new();

    public void Observe(int bucket, double value)
    {
        Interlocked.Increment(ref Counts[bucket]);
        Sum.Add(value);
    }
}

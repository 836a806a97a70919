using System.Diagnostics.Metrics;

namespace ProfileHub.Server.Observability;

/// <summary>Histogram: cumulative <c>_bucket{le}</c> lines, <c>_sum</c> and <c>_count</c> per series.</summary>
internal sealed class HistogramAggregate : InstrumentAggregate<HistogramSeries>
{
    // Seconds: fine steps below a millisecond, because a cached stage lookup is answered in microseconds.
    private static readonly double[] SecondsBounds = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
    private static readonly double[] MillisecondsBounds = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000];
    private static readonly double[] GenericBounds = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000];

    private readonly double[] _bounds;

    public HistogramAggregate(Instrument instrument, int maxSeries)
        : base(instrument, MetricKind.Histogram, maxSeries)
    {
        _bounds = AdvisedBounds(instrument) ?? instrument.Unit switch
        {
            "s" => SecondsBounds,
            "ms" => MillisecondsBounds,
            _ => GenericBounds,
        };
    }

    protected override HistogramSeries NewSeries() => new(_bounds.Length);

    protected override void Update(HistogramSeries series, double value)
    {
        var bucket = Array.BinarySearch(_bounds, value);
        // Buckets are "less than or equal": an exact match belongs to that bound; otherwise the next larger one.
        series.Observe(bucket >= 0 ? bucket : ~bucket, value);
    }

    protected override SeriesSnapshot Snapshot(LabelSet labels, HistogramSeries series)
    {
        var counts = new long[series.Counts.Length];
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] = Interlocked.Read(ref series.Counts[i]);
        }

        return new SeriesSnapshot(labels, series.Sum.Value, _bounds, counts);
    }

    private static double[]? AdvisedBounds(Instrument instrument) => instrument switch
    {
        Histogram<double> { Advice.HistogramBucketBoundaries: { Count: > 0 } bounds } => [.. bounds],
        Histogram<long> { Advice.HistogramBucketBoundaries: { Count: > 0 } bounds } => [.. bounds.Select(b => (double)b)],
        Histogram<int> { Advice.HistogramBucketBoundaries: { Count: > 0 } bounds } => [.. bounds.Select(b => (double)b)],
        _ => null,
    };
}

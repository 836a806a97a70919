using System.Diagnostics.Metrics;

namespace ProfileHub.Server.Observability;

/// <summary>Counter and UpDownCounter: the sum of every measurement per series.</summary>
internal sealed class SumAggregate(Instrument instrument, MetricKind kind, int maxSeries)
    : InstrumentAggregate<DoubleCell>(instrument, kind, maxSeries)
{
    protected override DoubleCell NewSeries() => new();

    protected override void Update(DoubleCell series, double value) => series.Add(value);

    protected override SeriesSnapshot Snapshot(LabelSet labels, DoubleCell series) => new(labels, series.Value);
}

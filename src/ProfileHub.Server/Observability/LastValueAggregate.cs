using System.Diagnostics.Metrics;

namespace ProfileHub.Server.Observability;

/// <summary>Gauges and observable instruments: the last value reported per series (observable counters report running totals).</summary>
internal sealed class LastValueAggregate(Instrument instrument, MetricKind kind, int maxSeries)
    : InstrumentAggregate<DoubleCell>(instrument, kind, maxSeries)
{
    protected override DoubleCell NewSeries() => new();

    protected override void Update(DoubleCell series, double value) => series.Set(value);

    protected override SeriesSnapshot Snapshot(LabelSet labels, DoubleCell series) => new(labels, series.Value);
}

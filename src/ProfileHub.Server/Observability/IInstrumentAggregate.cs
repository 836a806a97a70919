using System.Diagnostics.Metrics;

namespace ProfileHub.Server.Observability;

/// <summary>What the collector needs of an instrument's aggregate, whatever its kind.</summary>
internal interface IInstrumentAggregate
{
    Instrument Instrument { get; }

    MetricKind Kind { get; }

    string Family { get; }

    long DroppedSeries { get; }

    void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags);

    IEnumerable<SeriesSnapshot> Snapshot();
}

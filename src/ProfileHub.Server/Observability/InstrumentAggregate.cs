using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace ProfileHub.Server.Observability;

/// <summary>
/// The running state of one instrument, one series per label combination. Measurements arrive on the
/// callers' threads (every gRPC call, every cache lookup), so updates are lock-free or per-series.
/// </summary>
internal abstract class InstrumentAggregate<TSeries>(Instrument instrument, MetricKind kind, int maxSeries) : IInstrumentAggregate
    where TSeries : class
{
    private readonly ConcurrentDictionary<string, (LabelSet Labels, TSeries Series)> _series = new(SeriesKeyComparer.Instance);
    private long _dropped;

    public Instrument Instrument { get; } = instrument;

    public MetricKind Kind { get; } = kind;

    public string Family { get; } = PrometheusNames.Family(instrument.Name, instrument.Unit, kind == MetricKind.Counter);

    public long DroppedSeries => Interlocked.Read(ref _dropped);

    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        // The common case, an existing series, is found from the tags themselves: no key string is built.
        if (!_series.GetAlternateLookup<MeasurementTags>().TryGetValue(new MeasurementTags(tags), out var entry))
        {
            var key = LabelSet.KeyOf(tags);
            if (_series.Count >= maxSeries)
            {
                // A runaway label (an id used as a tag) must not exhaust memory; the drop is itself exported.
                Interlocked.Increment(ref _dropped);
                return;
            }

            entry = _series.GetOrAdd(key, static (k, state) => (LabelSet.From(k, state.Tags), state.Self.NewSeries()), (Tags: tags.ToArray(), Self: this));
        }

        Update(entry.Series, value);
    }

    public IEnumerable<SeriesSnapshot> Snapshot() =>
        _series.Values.OrderBy(e => e.Labels.Key, StringComparer.Ordinal).Select(e => Snapshot(e.Labels, e.Series)).ToList();

    protected abstract TSeries NewSeries();

    protected abstract void Update(TSeries series, double value);

    protected abstract SeriesSnapshot Snapshot(LabelSet labels, TSeries series);
}

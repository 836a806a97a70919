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
    // Slots (by managed thread id) naming the series of the slot's last measurement. Instruments
    // usually pass the very same tag objects every time (a method's name, a status constant), so a
    // repeated measurement is recognised by reference, without hashing or comparing text. A slot
    // only ever names an existing series, so an overwritten slot costs a miss, never a wrong series.
    private const int RecentSlots = 16;
    private readonly SeriesEntry?[] _recent = new SeriesEntry?[RecentSlots];
    private readonly ConcurrentDictionary<string, SeriesEntry> _series = new(SeriesKeyComparer.Instance);
    private long _dropped;

    public Instrument Instrument { get; } = instrument;

    public MetricKind Kind { get; } = kind;

    public string Family { get; } = PrometheusNames.Family(instrument.Name, instrument.Unit, kind == MetricKind.Counter);

    public long DroppedSeries => Interlocked.Read(ref _dropped);

    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var slot = Environment.CurrentManagedThreadId & (RecentSlots - 1);
        if (Volatile.Read(ref _recent[slot]) is { } recent && recent.HasSameTags(tags))
        {
            Update(recent.Series, value);
            return;
        }

        // An existing series is found from the tags themselves: no key string is built.
        if (!_series.GetAlternateLookup<MeasurementTags>().TryGetValue(new MeasurementTags(tags), out var entry))
        {
            var key = LabelSet.KeyOf(tags);
            if (_series.Count >= maxSeries)
            {
                // A runaway label (an id used as a tag) must not exhaust memory; the drop is itself exported.
                Interlocked.Increment(ref _dropped);
                return;
            }

            entry = _series.GetOrAdd(key, static (k, state) => new SeriesEntry(LabelSet.From(k, state.Tags), state.Self.NewSeries(), state.Tags), (Tags: tags.ToArray(), Self: this));
        }

        Volatile.Write(ref _recent[slot], entry);
        Update(entry.Series, value);
    }

    public IEnumerable<SeriesSnapshot> Snapshot() =>
        _series.Values.OrderBy(e => e.Labels.Key, StringComparer.Ordinal).Select(e => Snapshot(e.Labels, e.Series)).ToList();

    protected abstract TSeries NewSeries();

    protected abstract void Update(TSeries series, double value);

    protected abstract SeriesSnapshot Snapshot(LabelSet labels, TSeries series);

    /// <summary>A series with the tags of the measurement that created it.</summary>
    private sealed class SeriesEntry(LabelSet labels, TSeries series, KeyValuePair<string, object?>[] tags)
    {
        public LabelSet Labels { get; } = labels;

        public TSeries Series { get; } = series;

        // The creating tags, in order: names and string values by reference (equal text in another
        // instance is a miss, which the dictionary then resolves), other values (boxed numbers) by Equals.
        public bool HasSameTags(ReadOnlySpan<KeyValuePair<string, object?>> measured)
        {
            if (measured.Length != tags.Length)
            {
                return false;
            }

            for (var i = 0; i < measured.Length; i++)
            {
                var known = tags[i];
                var tag = measured[i];
                if (!ReferenceEquals(known.Key, tag.Key)
                    || !(ReferenceEquals(known.Value, tag.Value) || (known.Value is not (null or string) && known.Value.Equals(tag.Value))))
                {
                    return false;
                }
            }

            return true;
        }
    }
}

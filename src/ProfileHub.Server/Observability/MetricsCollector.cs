using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;

namespace ProfileHub.Server.Observability;

/// <summary>
/// Listens to the application's meters (System.Diagnostics.Metrics) and renders them as Prometheus text.
/// Only meters created by this host's <see cref="IMeterFactory"/> (or global meters such as System.Runtime)
/// are taken, so a second host in the same process — the metrics endpoint's own Kestrel, a test host — is not mixed in.
/// </summary>
internal sealed class MetricsCollector : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, IInstrumentAggregate> _instruments = new();
    private readonly IMeterFactory _scope;
    private readonly IReadOnlyList<string> _meters;
    private readonly int _maxSeries;

    public MetricsCollector(IMeterFactory scope, IOptions<MetricsOptions> options)
    {
        _scope = scope;
        _meters = options.Value.Meters is { Count: > 0 } meters ? meters : MetricsOptions.DefaultMeters;
        _maxSeries = options.Value.MaxSeriesPerInstrument;
        _listener.InstrumentPublished = OnInstrumentPublished;
        _listener.MeasurementsCompleted = (instrument, _) => _instruments.TryRemove(instrument, out IInstrumentAggregate? _);
        _listener.SetMeasurementEventCallback<long>(static (_, value, tags, state) => ((IInstrumentAggregate)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>(static (_, value, tags, state) => ((IInstrumentAggregate)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<short>(static (_, value, tags, state) => ((IInstrumentAggregate)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<byte>(static (_, value, tags, state) => ((IInstrumentAggregate)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<double>(static (_, value, tags, state) => ((IInstrumentAggregate)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<float>(static (_, value, tags, state) => ((IInstrumentAggregate)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<decimal>(static (_, value, tags, state) => ((IInstrumentAggregate)state!).Record((double)value, tags));
        _listener.Start();
    }

    /// <summary>Every exported instrument with its series; observable instruments are read now.</summary>
    public IReadOnlyList<(IInstrumentAggregate Instrument, IEnumerable<SeriesSnapshot> Series)> Collect()
    {
        _listener.RecordObservableInstruments();
        return _instruments.Values.OrderBy(a => a.Family, StringComparer.Ordinal).Select(a => (a, a.Snapshot())).ToList();
    }

    /// <summary>The current exposition in Prometheus text format.</summary>
    public string Scrape()
    {
        var writer = new PrometheusTextWriter();
        long dropped = 0;
        foreach (var family in Collect().GroupBy(a => a.Instrument.Family, StringComparer.Ordinal))
        {
            var first = family.First().Instrument;
            writer.Family(family.Key, first.Kind, first.Instrument.Description);
            foreach (var (aggregate, series) in family)
            {
                foreach (var item in series)
                {
                    writer.Series(family.Key, item);
                }

                dropped += aggregate.DroppedSeries;
            }
        }

        writer.Family("profilehub_metrics_dropped_series_total", MetricKind.Counter, "Measurements dropped because an instrument reached ProfileHub:Metrics:MaxSeriesPerInstrument label combinations.");
        writer.Sample("profilehub_metrics_dropped_series_total", LabelSet.Empty, dropped);
        return writer.ToString();
    }

    public void Dispose() => _listener.Dispose();

    private void OnInstrumentPublished(Instrument instrument, MeterListener listener)
    {
        var meter = instrument.Meter;
        if ((meter.Scope is not null && !ReferenceEquals(meter.Scope, _scope)) || !IsExported(meter.Name))
        {
            return;
        }

        var aggregate = Create(instrument);
        if (aggregate is not null && _instruments.TryAdd(instrument, aggregate))
        {
            listener.EnableMeasurementEvents(instrument, aggregate);
        }
    }

    private bool IsExported(string meterName) => _meters.Any(pattern => pattern.EndsWith('*')
        ? meterName.StartsWith(pattern[..^1], StringComparison.Ordinal)
        : string.Equals(meterName, pattern, StringComparison.Ordinal));

    private IInstrumentAggregate? Create(Instrument instrument)
    {
        var type = instrument.GetType();
        var definition = type.IsGenericType ? type.GetGenericTypeDefinition() : type;
        if (definition == typeof(Counter<>))
        {
            return new SumAggregate(instrument, MetricKind.Counter, _maxSeries);
        }

        if (definition == typeof(UpDownCounter<>))
        {
            return new SumAggregate(instrument, MetricKind.Gauge, _maxSeries);
        }

        if (definition == typeof(Histogram<>))
        {
            return new HistogramAggregate(instrument, _maxSeries);
        }

        if (definition == typeof(ObservableCounter<>))
        {
            return new LastValueAggregate(instrument, MetricKind.Counter, _maxSeries);
        }

        if (definition == typeof(ObservableGauge<>) || definition == typeof(ObservableUpDownCounter<>) || definition == typeof(Gauge<>))
        {
            return new LastValueAggregate(instrument, MetricKind.Gauge, _maxSeries);
        }

        return null;
    }
}

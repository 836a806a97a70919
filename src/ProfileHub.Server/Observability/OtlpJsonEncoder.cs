using System.Globalization;
using System.Text.Json;

namespace ProfileHub.Server.Observability;

/// <summary>Encodes collected series as an OTLP <c>ExportMetricsServiceRequest</c> in the protobuf JSON mapping.</summary>
internal static class OtlpJsonEncoder
{
    private const int CumulativeTemporality = 2;

    public static byte[] Encode(IReadOnlyList<(IInstrumentAggregate Instrument, IEnumerable<SeriesSnapshot> Series)> collected, string serviceName, DateTimeOffset start, DateTimeOffset now)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("resourceMetrics");
            json.WriteStartObject();
            json.WriteStartObject("resource");
            json.WriteStartArray("attributes");
            Attribute(json, "service.name", serviceName);
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteStartArray("scopeMetrics");
            foreach (var scope in collected.GroupBy(c => c.Instrument.Instrument.Meter.Name, StringComparer.Ordinal))
            {
                json.WriteStartObject();
                json.WriteStartObject("scope");
                json.WriteString("name", scope.Key);
                json.WriteEndObject();
                json.WriteStartArray("metrics");
                foreach (var (aggregate, series) in scope)
                {
                    Metric(json, aggregate, series.ToList(), Nanos(start), Nanos(now));
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void Metric(Utf8JsonWriter json, IInstrumentAggregate aggregate, List<SeriesSnapshot> series, string start, string now)
    {
        var instrument = aggregate.Instrument;
        json.WriteStartObject();
        json.WriteString("name", instrument.Name);
        json.WriteString("description", instrument.Description ?? string.Empty);
        json.WriteString("unit", instrument.Unit ?? string.Empty);
        switch (aggregate.Kind)
        {
            case MetricKind.Histogram:
                json.WriteStartObject("histogram");
                json.WriteNumber("aggregationTemporality", CumulativeTemporality);
                break;
            case MetricKind.Counter:
                json.WriteStartObject("sum");
                json.WriteNumber("aggregationTemporality", CumulativeTemporality);
                json.WriteBoolean("isMonotonic", true);
                break;
            default:
                json.WriteStartObject("gauge");
                break;
        }

        json.WriteStartArray("dataPoints");
        foreach (var point in series)
        {
            json.WriteStartObject();
            json.WriteStartArray("attributes");
            foreach (var (key, value) in point.Labels.Labels)
            {
                Attribute(json, key, value);
            }

            json.WriteEndArray();
            json.WriteString("startTimeUnixNano", start);
            json.WriteString("timeUnixNano", now);
            if (point.Bounds is { } bounds && point.BucketCounts is { } counts)
            {
                // 64-bit integers are strings in the protobuf JSON mapping.
                json.WriteString("count", counts.Sum().ToString(CultureInfo.InvariantCulture));
                json.WriteNumber("sum", point.Value);
                json.WriteStartArray("bucketCounts");
                foreach (var count in counts)
                {
                    json.WriteStringValue(count.ToString(CultureInfo.InvariantCulture));
                }

                json.WriteEndArray();
                json.WriteStartArray("explicitBounds");
                foreach (var bound in bounds)
                {
                    json.WriteNumberValue(bound);
                }

                json.WriteEndArray();
            }
            else
            {
                json.WriteNumber("asDouble", point.Value);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void Attribute(Utf8JsonWriter json, string key, string value)
    {
        json.WriteStartObject();
        json.WriteString("key", key);
        json.WriteStartObject("value");
        json.WriteString("stringValue", value);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static string Nanos(DateTimeOffset time) =>
        ((time.ToUnixTimeMilliseconds() * 1_000_000L) + (time.Ticks % TimeSpan.TicksPerMillisecond * 100)).ToString(CultureInfo.InvariantCulture);
}

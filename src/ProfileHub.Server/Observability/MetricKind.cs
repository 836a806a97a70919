namespace ProfileHub.Server.Observability;

/// <summary>The Prometheus type an instrument is exported as.</summary>
internal enum MetricKind
{
    Counter,
    Gauge,
    Histogram,
}

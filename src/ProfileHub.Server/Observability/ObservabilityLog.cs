namespace ProfileHub.Server.Observability;

/// <summary>Log events of the metrics endpoint and telemetry export (event ids 1300-1399).</summary>
internal static partial class ObservabilityLog
{
    [LoggerMessage(EventId = 1300, Level = LogLevel.Information, Message = "Prometheus metrics on http://{Endpoint}/metrics")]
    public static partial void MetricsListening(ILogger logger, string endpoint);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "Prometheus metrics endpoint disabled (ProfileHub:Metrics:Port is 0)")]
    public static partial void MetricsDisabled(ILogger logger);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Warning, Message = "Metrics scrape failed")]
    public static partial void ScrapeFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Information, Message = "OTLP export of metrics every {IntervalSeconds}s to {Endpoint}")]
    public static partial void OtlpExporting(ILogger logger, int intervalSeconds, string endpoint);

    [LoggerMessage(EventId = 1304, Level = LogLevel.Warning, Message = "OTLP export to {Endpoint} failed")]
    public static partial void OtlpExportFailed(ILogger logger, string endpoint, Exception exception);
}

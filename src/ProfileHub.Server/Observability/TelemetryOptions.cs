namespace ProfileHub.Server.Observability;

/// <summary>Optional OTLP export (<c>ProfileHub:Telemetry</c>); nothing is sent unless an endpoint is set.</summary>
internal sealed class TelemetryOptions
{
    public const string Section = "ProfileHub:Telemetry";

    /// <summary>OTLP/HTTP base URL of a collector, e.g. <c>http://otel-collector:4318</c>; metrics go to <c>/v1/metrics</c>. Empty: off.</summary>
    public string OtlpEndpoint { get; set; } = string.Empty;

    /// <summary>How often metrics are pushed.</summary>
    public TimeSpan ExportInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Extra request headers (e.g. an API key for a hosted collector): <c>name=value</c> pairs separated by commas.</summary>
    public string Headers { get; set; } = string.Empty;

    /// <summary>The service.name resource attribute.</summary>
    public string ServiceName { get; set; } = "profilehub";
}

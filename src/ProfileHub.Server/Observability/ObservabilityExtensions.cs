using ProfileHub.Server.Observability;

// In the Extensions namespace with the other AddProfileHub* methods so Program.cs needs no extra using.
namespace ProfileHub.Server.Extensions;

/// <summary>Logging format, the Prometheus endpoint and optional OTLP export, wired from Program.cs in one line each.</summary>
internal static class ObservabilityExtensions
{
    public static WebApplicationBuilder AddProfileHubObservability(this WebApplicationBuilder builder)
    {
        builder.AddProfileHubLogFormat();
        builder.Services.AddOptions<MetricsOptions>().Bind(builder.Configuration.GetSection(MetricsOptions.Section))
            .Validate(o => o.Port is >= 0 and <= 65535, "ProfileHub:Metrics:Port must be 0 (disabled) or a TCP port up to 65535")
            .Validate(o => o.MaxSeriesPerInstrument > 0, "ProfileHub:Metrics:MaxSeriesPerInstrument must be positive")
            .ValidateOnStart();
        builder.Services.AddSingleton<MetricsCollector>();
        builder.Services.AddSingleton<MetricsEndpointServer>();
        builder.Services.AddHostedService(services => services.GetRequiredService<MetricsEndpointServer>());
        builder.Services.AddOptions<TelemetryOptions>().Bind(builder.Configuration.GetSection(TelemetryOptions.Section))
            .Validate(o => string.IsNullOrWhiteSpace(o.OtlpEndpoint) || Uri.TryCreate(o.OtlpEndpoint, UriKind.Absolute, out _), "ProfileHub:Telemetry:OtlpEndpoint must be an absolute URL such as http://otel-collector:4318")
            .Validate(o => o.ExportInterval >= TimeSpan.FromSeconds(1), "ProfileHub:Telemetry:ExportInterval must be at least one second")
            .ValidateOnStart();
        builder.Services.AddHttpClient(OtlpMetricExporter.HttpClientName);
        builder.Services.AddHostedService<OtlpMetricExporter>();
        return builder;
    }

    /// <summary>Starts listening to the meters before the first call arrives, so no measurement is missed.</summary>
    public static WebApplication MapProfileHubMetrics(this WebApplication app)
    {
        app.Services.GetRequiredService<MetricsCollector>();
        return app;
    }
}

using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace ProfileHub.Server.Observability;

/// <summary>
/// Pushes the same aggregates the Prometheus endpoint shows to an OTLP/HTTP collector (<c>POST {endpoint}/v1/metrics</c>,
/// JSON encoding, cumulative temporality) when <c>ProfileHub:Telemetry:OtlpEndpoint</c> is set. Written here because the
/// OpenTelemetry hosting package cannot be restored in this build; the wire format is OTLP's own.
/// </summary>
internal sealed class OtlpMetricExporter(MetricsCollector collector, IOptions<TelemetryOptions> options, IHttpClientFactory httpClients, ILogger<OtlpMetricExporter> logger)
    : BackgroundService
{
    public const string HttpClientName = "otlp";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.OtlpEndpoint))
        {
            return;
        }

        var target = new Uri(settings.OtlpEndpoint.TrimEnd('/') + "/v1/metrics");
        var started = DateTimeOffset.UtcNow;
        var interval = (int)settings.ExportInterval.TotalSeconds;
        var endpoint = target.GetLeftPart(UriPartial.Path);
        ObservabilityLog.OtlpExporting(logger, interval, endpoint);
        using var timer = new PeriodicTimer(settings.ExportInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await ExportAsync(target, endpoint, settings, started, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: one last push so the final counts are not lost.
            using var last = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await ExportAsync(target, endpoint, settings, started, last.Token);
        }
    }

    private async Task ExportAsync(Uri target, string endpoint, TelemetryOptions settings, DateTimeOffset started, CancellationToken cancellationToken)
    {
        try
        {
            var body = OtlpJsonEncoder.Encode(collector.Collect(), settings.ServiceName, started, DateTimeOffset.UtcNow);
            using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            foreach (var pair in settings.Headers.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                if (equals > 0)
                {
                    request.Headers.TryAddWithoutValidation(pair[..equals].Trim(), pair[(equals + 1)..].Trim());
                }
            }

            using var client = httpClients.CreateClient(HttpClientName);
            using var response = await client.SendAsync(request, cancellationToken);
            response.EnsureSuccessStatusCode();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            ObservabilityLog.OtlpExportFailed(logger, endpoint, e);
        }
    }
}

using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace ProfileHub.Server.Observability;

/// <summary>
/// Serves <c>GET /metrics</c> on its own HTTP/1.1 Kestrel listener. A separate host (not another endpoint of the
/// gRPC server) because every gRPC endpoint is HTTP/2-only and Prometheus scrapes over HTTP/1.1; it also keeps
/// scrapes out of the gRPC metrics and lets the port be firewalled on its own.
/// </summary>
internal sealed class MetricsEndpointServer(MetricsCollector collector, IOptions<MetricsOptions> options, IConfiguration configuration, ILogger<MetricsEndpointServer> logger)
    : IHostedService, IAsyncDisposable
{
    private IHost? _host;

    /// <summary>The bound address once started (null when disabled), for the start-up log and tests.</summary>
    public string? Endpoint { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.Port == 0)
        {
            ObservabilityLog.MetricsDisabled(logger);
            return;
        }

        var address = MetricsListenAddress.Resolve(settings.Address, configuration[WebHostDefaults.ServerUrlsKey]);
        _host = new HostBuilder()
            .ConfigureWebHost(web => web
                .UseKestrel(kestrel => kestrel.Listen(address, settings.Port, listen => listen.Protocols = HttpProtocols.Http1))
                .Configure(app => app.Run(ServeAsync)))
            .Build();
        await _host.StartAsync(cancellationToken);
        Endpoint = _host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()?.Replace("http://", string.Empty, StringComparison.Ordinal)
            ?? new IPEndPoint(address, settings.Port).ToString();
        ObservabilityLog.MetricsListening(logger, Endpoint);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_host is not null)
        {
            await _host.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
    }

    private async Task ServeAsync(HttpContext context)
    {
        if (!string.Equals(context.Request.Path.Value, "/metrics", StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }

        string text;
        try
        {
            text = collector.Scrape();
        }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException)
        {
            ObservabilityLog.ScrapeFailed(logger, e);
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return;
        }

        context.Response.ContentType = PrometheusTextWriter.ContentType;
        context.Response.Headers.CacheControl = "no-store";
        if (HttpMethods.IsGet(context.Request.Method))
        {
            await context.Response.WriteAsync(text, context.RequestAborted);
        }
    }
}

using Microsoft.Extensions.Options;

namespace ProfileHub.Server.Security;

/// <summary>Says at start-up how callers are authenticated, and warns loudly when they are not.</summary>
internal sealed class SecurityStartupReporter(
    IOptions<AuthOptions> auth,
    IOptions<RateLimitOptions> rateLimit,
    IOptions<TlsOptions> tls,
    IHostEnvironment environment,
    ILogger<SecurityStartupReporter> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = auth.Value;
        var modes = AuthModeParser.Parse(settings.Mode);
        if (modes == AuthModes.None)
        {
            SecurityLog.AuthDisabled(logger, AuthOptions.SectionName + ":Mode", settings.Mode ?? "(not set)", environment.EnvironmentName);
        }

        if (logger.IsEnabled(LogLevel.Information))
        {
            var limits = rateLimit.Value;
            var rate = limits.Enabled ? $"{limits.PermitsPerSecond}/s burst {limits.Burst} per caller" : "off";
            var apiKeys = modes.HasFlag(AuthModes.ApiKey) ? settings.ApiKeys.Count : 0;
            var modeText = modes.ToString();
            var clientCertificates = tls.Value.ClientCertificateMode.ToString();
            SecurityLog.SecurityConfigured(logger, modeText, apiKeys, rate, clientCertificates);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

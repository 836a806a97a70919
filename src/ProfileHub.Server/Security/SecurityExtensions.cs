using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Options;
using ProfileHub.Grpc;

namespace ProfileHub.Server.Security;

/// <summary>Wires authentication, authorization, rate limits and client certificates into the host.</summary>
internal static class SecurityExtensions
{
    /// <summary>Options (validated at start-up), authenticators, the rate limiter and Kestrel's HTTPS defaults.</summary>
    public static WebApplicationBuilder AddProfileHubSecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AuthOptions>().Bind(builder.Configuration.GetSection(AuthOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        services.AddOptions<RateLimitOptions>().Bind(builder.Configuration.GetSection(RateLimitOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RateLimitOptions>, RateLimitOptionsValidator>();
        services.AddOptions<TlsOptions>().Bind(builder.Configuration.GetSection(TlsOptions.SectionName));
        services.AddSingleton<CallAuthenticator>();
        services.AddSingleton<CallerRateLimiter>();
        services.AddHostedService<SecurityStartupReporter>();

        var tls = builder.Configuration.GetSection(TlsOptions.SectionName).Get<TlsOptions>() ?? new TlsOptions();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https => ApplyClientCertificates(https, tls)));
        return builder;
    }

    /// <summary>Authorization first, then the per-caller rate limit: refused calls cost no tokens and read no body.</summary>
    public static IServiceCollection AddProfileHubSecurityInterceptors(this IServiceCollection services)
    {
        services.AddGrpcInterceptor<AuthorizationInterceptor>();
        services.AddGrpcInterceptor<RateLimitInterceptor>();
        return services;
    }

    /// <summary>
    /// Checks credentials of calls to protected services, bound or not, before they are routed. With
    /// auth off (decided once, at start-up) the middleware is left out of the pipeline altogether.
    /// </summary>
    public static WebApplication UseProfileHubAuthorization(this WebApplication app)
    {
        if (app.Services.GetRequiredService<CallAuthenticator>().Enabled)
        {
            app.UseMiddleware<MethodAuthorizationMiddleware>();
        }

        return app;
    }

    private static void ApplyClientCertificates(HttpsConnectionAdapterOptions https, TlsOptions tls)
    {
        var key = TlsOptions.SectionName;
        if (tls.ClientCertificateMode == ClientCertificatePolicy.None)
        {
            if (!string.IsNullOrWhiteSpace(tls.ClientCaPath))
            {
                throw new InvalidOperationException($"{key}:ClientCaPath is set but {key}:ClientCertificateMode is None; set it to Allow or Require.");
            }

            return;
        }

        https.ClientCertificateMode = tls.ClientCertificateMode == ClientCertificatePolicy.Require
            ? ClientCertificateMode.RequireCertificate
            : ClientCertificateMode.AllowCertificate;
        if (!string.IsNullOrWhiteSpace(tls.ClientCaPath))
        {
            var validator = new ClientCertificateValidator(tls.ClientCaPath);
            https.ClientCertificateValidation = validator.Validate;
        }
    }
}

using Microsoft.Extensions.Options;
using ProfileHub.Core.Identity;
using ProfileHub.Core.Ingest;
using ProfileHub.Core.Journey;
using ProfileHub.Core.Traits;
using ProfileHub.Server.Configuration;

namespace ProfileHub.Server.Extensions;

/// <summary>Registers the pure domain services, built from validated configuration.</summary>
internal static class CoreServiceCollectionExtensions
{
    public static IServiceCollection AddProfileHubCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);

        services.AddOptions<IdentitySettings>().Bind(configuration.GetSection(IdentitySettings.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<IdentitySettings>>(new ConstructionValidator<IdentitySettings>(s => IdentifierCatalog.Create(s)));

        services.AddOptions<TraitSettings>().Bind(configuration.GetSection(TraitSettings.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TraitSettings>>(new ConstructionValidator<TraitSettings>(s => _ = new TraitReconciler(s)));

        // A configured stage list replaces the default catalog as a whole: merging two catalogs
        // item by item (what the binder would do with a pre-filled list) would give nonsense orders.
        var journey = configuration.GetSection(JourneySettings.SectionName);
        services.AddOptions<JourneySettings>()
            .Configure(settings =>
            {
                if (!journey.GetSection(nameof(JourneySettings.Stages)).GetChildren().Any())
                {
                    settings.Stages = JourneySettings.CreateDefault().Stages;
                }

                journey.Bind(settings);
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<JourneySettings>>(new ConstructionValidator<JourneySettings>(s => StageCatalog.Create(s)));

        services.AddSingleton(p => IdentifierCatalog.Create(p.GetRequiredService<IOptions<IdentitySettings>>().Value));
        services.AddSingleton(p => new IdentityResolver(p.GetRequiredService<IdentifierCatalog>(), p.GetRequiredService<IOptions<IdentitySettings>>().Value));
        services.AddSingleton(p => new RecordNormalizer(p.GetRequiredService<IdentifierCatalog>(), p.GetRequiredService<TimeProvider>()));
        services.AddSingleton(p => new TraitReconciler(p.GetRequiredService<IOptions<TraitSettings>>().Value));
        services.AddSingleton(p => StageCatalog.Create(p.GetRequiredService<IOptions<JourneySettings>>().Value));
        services.AddSingleton(p => new StageEvaluator(p.GetRequiredService<StageCatalog>()));
        services.AddSingleton(p => new AtRiskPolicy(p.GetRequiredService<StageCatalog>()));
        services.AddSingleton(p => new FunnelCalculator(p.GetRequiredService<StageCatalog>()));
        return services;
    }
}

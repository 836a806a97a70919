using Google.Protobuf.Reflection;
using ProfileHub.Contracts.V1;
using ProfileHub.Grpc;
using ProfileHub.Server.Application;
using ProfileHub.Server.Errors;
using ProfileHub.Server.Jobs;
using ProfileHub.Server.Logging;
using ProfileHub.Server.Mapping;
using ProfileHub.Server.Security;
using ProfileHub.Storage;
using ProfileHub.Server.Services;
using V1 = ProfileHub.Contracts.V1;

namespace ProfileHub.Server.Extensions;

/// <summary>Registers and maps ProfileHub's gRPC services on the in-project transport.</summary>
internal static class GrpcExtensions
{
    public static IServiceCollection AddProfileHubGrpc(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddGrpcTransport(options => configuration.GetSection("ProfileHub:Grpc").Bind(options));
        services.AddProfileHubSecurityInterceptors();
        services.AddGrpcInterceptor<GrpcCallLoggingInterceptor>();
        services.AddGrpcInterceptor<GrpcMetricsInterceptor>();
        services.AddGrpcExceptionMapper<ProfileHubExceptionMapper>();
        services.AddGrpcHealth();

        services.AddOptions<JobOptions>().Bind(configuration.GetSection("ProfileHub:Jobs"))
            .Validate(o => o.AtRiskSweepInterval > TimeSpan.Zero, "ProfileHub:Jobs:AtRiskSweepInterval must be positive")
            .Validate(o => o.StatisticsInterval > TimeSpan.Zero, "ProfileHub:Jobs:StatisticsInterval must be positive")
            .ValidateOnStart();
        services.AddHostedService<AtRiskSweepService>();
        services.AddHostedService<StoreStatisticsPoller>();
        services.AddHostedService<StoreHealthReporter>();

        services.AddSingleton<ServerMetrics>();
        services.AddSingleton<LookupMapping>();
        services.AddSingleton<StageCatalogView>();
        services.AddSingleton<RecordIngestor>();
        services.AddSingleton<ProfileReader>();
        services.AddSingleton<StageChangeStream>();
        services.AddSingleton<FunnelReporter>();
        services.AddSingleton<IngestService>();
        services.AddSingleton<ProfileService>();
        services.AddSingleton<AnalyticsService>();
        services.AddOptions<ProfileHub.Core.Admin.QuarantineSettings>().Bind(configuration.GetSection(ProfileHub.Core.Admin.QuarantineSettings.SectionName));
        services.AddSingleton<AdminMapping>();
        services.AddSingleton<AdminOperations>();
        services.AddSingleton<AdminService>();
        return services;
    }

    public static WebApplication MapProfileHubServices(this WebApplication app)
    {
        app.UseProfileHubAuthorization();
        var ingest = app.Services.GetRequiredService<IngestService>();
        app.MapGrpcService(Service(IngestReflection.Descriptor, "IngestService"), b => b
            .Unary<IngestRequest, IngestResponse>(nameof(IngestService.Ingest), ingest.Ingest)
            .ClientStreaming<IngestRequest, IngestResponse>(nameof(IngestService.IngestStream), ingest.IngestStream));

        var profiles = app.Services.GetRequiredService<ProfileService>();
        app.MapGrpcService(Service(ProfileReflection.Descriptor, "ProfileService"), b => b
            .Unary<GetProfileRequest, V1.Profile>(nameof(ProfileService.GetProfile), profiles.GetProfile)
            .Unary<GetJourneyStageRequest, JourneyStageResponse>(nameof(ProfileService.GetJourneyStage), profiles.GetJourneyStage)
            .Unary<BatchGetJourneyStagesRequest, BatchGetJourneyStagesResponse>(nameof(ProfileService.BatchGetJourneyStages), profiles.BatchGetJourneyStages)
            .Unary<ListProfilesByStageRequest, ListProfilesByStageResponse>(nameof(ProfileService.ListProfilesByStage), profiles.ListProfilesByStage)
            .Unary<ListChangesRequest, ListChangesResponse>(nameof(ProfileService.ListChanges), profiles.ListChanges)
            .ServerStreaming<WatchStageChangesRequest, StageChangeEvent>(nameof(ProfileService.WatchStageChanges), profiles.WatchStageChanges)
            .Unary<ListStagesRequest, ListStagesResponse>(nameof(ProfileService.ListStages), profiles.ListStages));

        var analytics = app.Services.GetRequiredService<AnalyticsService>();
        app.MapGrpcService(Service(AnalyticsReflection.Descriptor, "AnalyticsService"), b => b
            .Unary<GetFunnelRequest, GetFunnelResponse>(nameof(AnalyticsService.GetFunnel), analytics.GetFunnel));

        var admin = app.Services.GetRequiredService<AdminService>();
        app.MapGrpcService(Service(AdminReflection.Descriptor, "AdminService"), b => b
            .Unary<MergeProfilesRequest, MergeProfilesResponse>(nameof(AdminService.MergeProfiles), admin.MergeProfiles)
            .Unary<SplitProfileRequest, SplitProfileResponse>(nameof(AdminService.SplitProfile), admin.SplitProfile)
            .Unary<ExplainProfileRequest, ExplainProfileResponse>(nameof(AdminService.ExplainProfile), admin.ExplainProfile)
            .Unary<ForgetProfileRequest, ForgetProfileResponse>(nameof(AdminService.ForgetProfile), admin.ForgetProfile));

        app.MapGrpcHealth();
        app.MapGrpcReflection();

        app.Lifetime.ApplicationStarted.Register(() => MarkServing(app));
        return app;
    }

    private static void MarkServing(WebApplication app)
    {
        var health = app.Services.GetRequiredService<GrpcHealthStatus>();
        foreach (var name in (string[])["", "profilehub.v1.IngestService", "profilehub.v1.ProfileService", "profilehub.v1.AnalyticsService", "profilehub.v1.AdminService"])
        {
            health.SetStatus(name, HealthStatus.Serving);
        }

        var logger = app.Services.GetRequiredService<ILogger<ProfileService>>();
        if (logger.IsEnabled(LogLevel.Information))
        {
            var storage = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<StorageOptions>>().Value;
            var cache = app.Services.GetRequiredService<ProfileCache>();
            var addresses = string.Join(", ", app.BoundAddresses());
            ServerLog.Started(logger, addresses, storage.Provider, cache.UsesRedis ? "memory+redis" : "memory");
        }
    }

    private static Google.Protobuf.Reflection.ServiceDescriptor Service(FileDescriptor file, string name) =>
        file.Services.Single(s => s.Name == name);
}

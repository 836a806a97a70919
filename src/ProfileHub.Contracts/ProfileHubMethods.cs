using Google.Protobuf.Reflection;
using ProfileHub.Contracts.V1;
using ProfileHub.Grpc.Client;

namespace ProfileHub.Contracts;

/// <summary>
/// Typed client-side descriptions of every profilehub.v1 method, checked against the generated
/// descriptors when first used. The CLI, benchmarks and tests call the service through these.
/// </summary>
public static class ProfileHubMethods
{
    private static readonly ServiceDescriptor IngestService = IngestReflection.Descriptor.Services.Single(s => s.Name == "IngestService");
    private static readonly ServiceDescriptor ProfileService = ProfileReflection.Descriptor.Services.Single(s => s.Name == "ProfileService");
    private static readonly ServiceDescriptor AdminService = AdminReflection.Descriptor.Services.Single(s => s.Name == "AdminService");
    private static readonly ServiceDescriptor AnalyticsService = AnalyticsReflection.Descriptor.Services.Single(s => s.Name == "AnalyticsService");

    public static readonly Method<IngestRequest, IngestResponse> Ingest = Method<IngestRequest, IngestResponse>.Create(IngestService, "Ingest");
    public static readonly Method<IngestRequest, IngestResponse> IngestStream = Method<IngestRequest, IngestResponse>.Create(IngestService, "IngestStream");

    public static readonly Method<GetProfileRequest, Profile> GetProfile = Method<GetProfileRequest, Profile>.Create(ProfileService, "GetProfile");
    public static readonly Method<GetJourneyStageRequest, JourneyStageResponse> GetJourneyStage = Method<GetJourneyStageRequest, JourneyStageResponse>.Create(ProfileService, "GetJourneyStage");
    public static readonly Method<BatchGetJourneyStagesRequest, BatchGetJourneyStagesResponse> BatchGetJourneyStages = Method<BatchGetJourneyStagesRequest, BatchGetJourneyStagesResponse>.Create(ProfileService, "BatchGetJourneyStages");
    public static readonly Method<ListProfilesByStageRequest, ListProfilesByStageResponse> ListProfilesByStage = Method<ListProfilesByStageRequest, ListProfilesByStageResponse>.Create(ProfileService, "ListProfilesByStage");
    public static readonly Method<ListChangesRequest, ListChangesResponse> ListChanges = Method<ListChangesRequest, ListChangesResponse>.Create(ProfileService, "ListChanges");
    public static readonly Method<WatchStageChangesRequest, StageChangeEvent> WatchStageChanges = Method<WatchStageChangesRequest, StageChangeEvent>.Create(ProfileService, "WatchStageChanges");
    public static readonly Method<ListStagesRequest, ListStagesResponse> ListStages = Method<ListStagesRequest, ListStagesResponse>.Create(ProfileService, "ListStages");

    public static readonly Method<MergeProfilesRequest, MergeProfilesResponse> MergeProfiles = Method<MergeProfilesRequest, MergeProfilesResponse>.Create(AdminService, "MergeProfiles");
    public static readonly Method<SplitProfileRequest, SplitProfileResponse> SplitProfile = Method<SplitProfileRequest, SplitProfileResponse>.Create(AdminService, "SplitProfile");
    public static readonly Method<ExplainProfileRequest, ExplainProfileResponse> ExplainProfile = Method<ExplainProfileRequest, ExplainProfileResponse>.Create(AdminService, "ExplainProfile");
    public static readonly Method<ForgetProfileRequest, ForgetProfileResponse> ForgetProfile = Method<ForgetProfileRequest, ForgetProfileResponse>.Create(AdminService, "ForgetProfile");

    public static readonly Method<GetFunnelRequest, GetFunnelResponse> GetFunnel = Method<GetFunnelRequest, GetFunnelResponse>.Create(AnalyticsService, "GetFunnel");
}

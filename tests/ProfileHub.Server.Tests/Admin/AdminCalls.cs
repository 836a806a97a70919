using ProfileHub.Contracts;
using ProfileHub.Contracts.V1;
using ProfileHub.Grpc.Client;
using ProfileHub.Server.Tests.Infrastructure;

namespace ProfileHub.Server.Tests.Admin;

/// <summary>The admin calls with the tests' standard deadline.</summary>
public static class AdminCalls
{
    public static Task<MergeProfilesResponse> MergeAsync(this GrpcChannel channel, ProfileLookup target, ProfileLookup source, bool force, string reason = "duplicate customer") =>
        channel.UnaryAsync(ProfileHubMethods.MergeProfiles, new MergeProfilesRequest { Target = target, Source = source, Force = force, Reason = reason }, ProfileHubCalls.Options());

    public static Task<SplitProfileResponse> SplitAsync(this GrpcChannel channel, SplitProfileRequest request) =>
        channel.UnaryAsync(ProfileHubMethods.SplitProfile, request, ProfileHubCalls.Options());

    public static Task<ExplainProfileResponse> ExplainAsync(this GrpcChannel channel, ProfileLookup lookup, Identifier? from = null, Identifier? to = null) =>
        channel.UnaryAsync(ProfileHubMethods.ExplainProfile, new ExplainProfileRequest { Lookup = lookup, From = from, To = to }, ProfileHubCalls.Options());

    public static Task<ForgetProfileResponse> ForgetAsync(this GrpcChannel channel, ProfileLookup lookup, string reason = "erasure request") =>
        channel.UnaryAsync(ProfileHubMethods.ForgetProfile, new ForgetProfileRequest { Lookup = lookup, Reason = reason }, ProfileHubCalls.Options());
}

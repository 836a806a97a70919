using ProfileHub.Core.Errors;
using ProfileHub.Grpc;
using ProfileHub.Server.Application;
using ProfileHub.Server.Mapping;
using ProfileHub.Server.Security;
using V1 = ProfileHub.Contracts.V1;

namespace ProfileHub.Server.Services;

/// <summary>profilehub.v1.AdminService: explain, manual merge, split and erasure, each audited with the caller and reason.</summary>
internal sealed class AdminService(AdminOperations operations, LookupMapping lookups, AdminMapping mapping)
{
    public const int MaxReasonLength = 1_000;
    public const string AnonymousActor = "anonymous";

    public async Task<V1.MergeProfilesResponse> MergeProfiles(V1.MergeProfilesRequest request, ServerCallContext context)
    {
        var target = lookups.ToKey(request.Target, "target");
        var source = lookups.ToKey(request.Source, "source");
        var reason = Reason(request.Reason);
        var result = await operations.MergeAsync(target, source, request.Force, Actor(context), reason, context.CancellationToken);
        var response = new V1.MergeProfilesResponse { ProfileId = result.ProfileId };
        response.MergedProfileIds.AddRange(result.MergedProfileIds);
        return response;
    }

    public async Task<V1.SplitProfileResponse> SplitProfile(V1.SplitProfileRequest request, ServerCallContext context)
    {
        var key = lookups.ToKey(request.Lookup, "lookup");
        var evidence = mapping.ToSplitEvidence(request);
        var reason = Reason(request.Reason);
        var result = await operations.SplitAsync(key, evidence, Actor(context), reason, context.CancellationToken);
        var response = new V1.SplitProfileResponse { ProfileId = result.ProfileId };
        response.NewProfileIds.AddRange(result.NewProfileIds);
        return response;
    }

    public async Task<V1.ExplainProfileResponse> ExplainProfile(V1.ExplainProfileRequest request, ServerCallContext context)
    {
        var key = lookups.ToKey(request.Lookup, "lookup");
        if (request.From is null && request.To is null)
        {
            return AdminMapping.ToProto(await operations.ExplainAsync(key, context.CancellationToken));
        }

        var from = mapping.ToIdentifier(request.From, "from");
        var to = mapping.ToIdentifier(request.To, "to");
        return AdminMapping.ToProto(await operations.ExplainPathAsync(key, from, to, context.CancellationToken));
    }

    public async Task<V1.ForgetProfileResponse> ForgetProfile(V1.ForgetProfileRequest request, ServerCallContext context)
    {
        var key = lookups.ToKey(request.Lookup, "lookup");
        var reason = Reason(request.Reason);
        var result = await operations.ForgetAsync(key, Actor(context), reason, context.CancellationToken);
        return new V1.ForgetProfileResponse { ProfileId = result.ProfileId, SuppressedIdentifiers = result.SuppressedIdentifiers };
    }

    private static string Reason(string reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new InvalidFieldException("reason", "is required (it is kept in the audit log)");
        }

        if (reason.Length > MaxReasonLength)
        {
            throw new InvalidFieldException("reason", $"longer than {MaxReasonLength} characters");
        }

        return reason.Trim();
    }

    // Authentication puts the caller in the call's items; without it (auth off) the audit says so.
    private static string Actor(ServerCallContext context) =>
        context.Items.TryGetValue(CallerIdentity.ItemKey, out var caller) && caller is CallerIdentity identity
            ? identity.ToString()
            : AnonymousActor;
}

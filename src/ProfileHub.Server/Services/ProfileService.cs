using Google.Protobuf.WellKnownTypes;
using ProfileHub.Core.Profiles;
using ProfileHub.Grpc;
using ProfileHub.Server.Application;
using ProfileHub.Server.Errors;
using ProfileHub.Server.Mapping;
using V1 = ProfileHub.Contracts.V1;

namespace ProfileHub.Server.Services;

/// <summary>profilehub.v1.ProfileService: profile and stage reads, the change feed and stage streams.</summary>
internal sealed class ProfileService(ProfileReader reader, StageChangeStream stream, StageCatalogView catalog, LookupMapping lookups)
{
    public const int MaxBatchLookups = 1_000;
    public const int MaxPageSize = 1_000;
    public const int DefaultPageSize = 100;

    public async Task<V1.Profile> GetProfile(V1.GetProfileRequest request, ServerCallContext context)
    {
        var key = lookups.ToKey(request.Lookup, "lookup");
        return ProfileMapping.ToProto(await reader.GetProfileAsync(key, context.CancellationToken));
    }

    public Task<V1.JourneyStageResponse> GetJourneyStage(V1.GetJourneyStageRequest request, ServerCallContext context)
    {
        var key = lookups.ToKey(request.Lookup, "lookup");
        if (request.AsOf is null && reader.TryGetMemoryAnswer(key) is { } answered)
        {
            // The hot path: a repeated lookup answered from L1 without awaiting anything.
            return answered;
        }

        return GetJourneyStageAsync(key, request.AsOf, context.CancellationToken);
    }

    private async Task<V1.JourneyStageResponse> GetJourneyStageAsync(ProfileKey key, Timestamp? asOf, CancellationToken cancellationToken)
    {
        if (asOf is not null)
        {
            var at = RecordMapping.ToDateTimeOffset(asOf, "as_of");
            return ProfileMapping.ToProto(await reader.GetStageAsOfAsync(key, at, cancellationToken), V1.ServedFrom.Store);
        }

        var (view, servedFrom) = await reader.FindStageAsync(key, cancellationToken) ?? throw ProfileReader.NotFound(key);
        return ProfileMapping.ToProto(view, servedFrom);
    }

    public async Task<V1.BatchGetJourneyStagesResponse> BatchGetJourneyStages(V1.BatchGetJourneyStagesRequest request, ServerCallContext context)
    {
        RequestGuard.Count(request.Lookups.Count, 1, MaxBatchLookups, "lookups");
        var response = new V1.BatchGetJourneyStagesResponse();
        for (var i = 0; i < request.Lookups.Count; i++)
        {
            var item = new V1.BatchJourneyStageItem { Index = i };
            if (!lookups.TryToKey(request.Lookups[i], $"lookups[{i}]", out var key, out var error))
            {
                item.Error = error;
            }
            else if (await reader.FindStageAsync(key, context.CancellationToken) is { } found)
            {
                item.Found = true;
                item.Stage = ProfileMapping.ToProto(found.View, found.ServedFrom);
            }
            else
            {
                item.Error = $"lookups[{i}]: no profile matches";
            }

            response.Items.Add(item);
        }

        return response;
    }

    public async Task<V1.ListProfilesByStageResponse> ListProfilesByStage(V1.ListProfilesByStageRequest request, ServerCallContext context)
    {
        RequestGuard.Required(request.Stage);
        catalog.RequireStage(request.Stage, "stage");
        var pageSize = RequestGuard.PageSize(request.PageSize, DefaultPageSize, MaxPageSize, "page_size");
        bool? atRisk = request.HasAtRisk ? request.AtRisk : null;
        var after = StagePageToken.Decode(request.PageToken, request.Stage, atRisk);

        var page = await reader.ListByStageAsync(request.Stage, atRisk, after, pageSize, context.CancellationToken);
        var response = new V1.ListProfilesByStageResponse();
        foreach (var view in page)
        {
            response.Profiles.Add(ProfileMapping.ToMember(view));
        }

        if (page.Count == pageSize)
        {
            response.NextPageToken = StagePageToken.Encode(request.Stage, atRisk, page[^1].ProfileId);
        }

        return response;
    }

    public async Task<V1.ListChangesResponse> ListChanges(V1.ListChangesRequest request, ServerCallContext context)
    {
        var after = ChangeCursor.Decode(request.Cursor, "cursor");
        var pageSize = RequestGuard.PageSize(request.PageSize, DefaultPageSize, MaxPageSize, "page_size");
        var changes = await reader.ListChangesAsync(after, pageSize, context.CancellationToken);
        var response = new V1.ListChangesResponse
        {
            NextCursor = changes.Count > 0 ? ChangeCursor.Encode(changes[^1].Sequence) : ChangeCursor.Encode(after),
        };
        foreach (var change in changes)
        {
            response.Changes.Add(ChangeMapping.ToProto(change));
        }

        return response;
    }

    public Task WatchStageChanges(V1.WatchStageChangesRequest request, IServerStreamWriter<V1.StageChangeEvent> responses, ServerCallContext context)
    {
        var heartbeat = request.HeartbeatSeconds switch
        {
            0 => TimeSpan.FromSeconds(15),
            < 1 or > 300 => throw new Core.Errors.InvalidFieldException("heartbeat_seconds", "must be between 1 and 300"),
            var s => TimeSpan.FromSeconds(s),
        };
        foreach (var (stage, index) in request.Stages.Select((s, i) => (s, i)))
        {
            catalog.RequireStage(stage, $"stages[{index}]");
        }

        return stream.RunAsync(request.Cursor, request.Stages.ToHashSet(StringComparer.Ordinal), heartbeat, responses, context.CancellationToken);
    }

    public Task<V1.ListStagesResponse> ListStages(V1.ListStagesRequest request, ServerCallContext context) =>
        Task.FromResult(catalog.ToProto());
}

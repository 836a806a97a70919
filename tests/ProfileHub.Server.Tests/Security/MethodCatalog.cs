using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using ProfileHub.Contracts;
using ProfileHub.Contracts.V1;
using ProfileHub.Grpc;
using ProfileHub.Grpc.Client;

namespace ProfileHub.Server.Tests.Security;

/// <summary>Every profilehub.v1 method with a valid minimal request, callable with chosen metadata.</summary>
public static class MethodCatalog
{
    private static readonly ProfileLookup Lookup = new() { Identifier = new Identifier { Type = "email", Value = "nobody@example.com" } };

    public static readonly IReadOnlyDictionary<string, (string Path, IMessage Request)> Requests = new Dictionary<string, (string, IMessage)>
    {
        ["Ingest"] = (ProfileHubMethods.Ingest.FullName, IngestRequest()),
        ["IngestStream"] = (ProfileHubMethods.IngestStream.FullName, IngestRequest()),
        ["GetProfile"] = (ProfileHubMethods.GetProfile.FullName, new GetProfileRequest { Lookup = Lookup }),
        ["GetJourneyStage"] = (ProfileHubMethods.GetJourneyStage.FullName, new GetJourneyStageRequest { Lookup = Lookup }),
        ["BatchGetJourneyStages"] = (ProfileHubMethods.BatchGetJourneyStages.FullName, new BatchGetJourneyStagesRequest { Lookups = { Lookup } }),
        ["ListProfilesByStage"] = (ProfileHubMethods.ListProfilesByStage.FullName, new ListProfilesByStageRequest { Stage = "awareness", PageSize = 10 }),
        ["ListChanges"] = (ProfileHubMethods.ListChanges.FullName, new ListChangesRequest { PageSize = 10 }),
        ["WatchStageChanges"] = (ProfileHubMethods.WatchStageChanges.FullName, new WatchStageChangesRequest()),
        ["ListStages"] = (ProfileHubMethods.ListStages.FullName, new ListStagesRequest()),
        ["GetFunnel"] = (ProfileHubMethods.GetFunnel.FullName, new GetFunnelRequest()),
        ["MergeProfiles"] = (ProfileHubMethods.MergeProfiles.FullName, new MergeProfilesRequest { Target = Lookup, Source = new ProfileLookup { ProfileId = "p-2" }, Reason = "test" }),
        ["SplitProfile"] = (ProfileHubMethods.SplitProfile.FullName, new SplitProfileRequest { Lookup = Lookup, Identifier = new Identifier { Type = "device_id", Value = "d-1" }, Reason = "test" }),
        ["ExplainProfile"] = (ProfileHubMethods.ExplainProfile.FullName, new ExplainProfileRequest { Lookup = Lookup }),
        ["ForgetProfile"] = (ProfileHubMethods.ForgetProfile.FullName, new ForgetProfileRequest { Lookup = Lookup, Reason = "test" }),
    };

    public static IEnumerable<string> Names => Requests.Keys;

    /// <summary>The scope the method needs.</summary>
    public static string ScopeOf(string name) => Requests[name].Path switch
    {
        var p when p.Contains("IngestService", StringComparison.Ordinal) => "ingest:write",
        var p when p.Contains("AdminService", StringComparison.Ordinal) => "admin",
        _ => "profiles:read",
    };

    /// <summary>Calls the method through the project's client; the status it ended with.</summary>
    public static async Task<StatusCode> CallAsync(GrpcChannel channel, string name, Metadata headers)
    {
        var deadline = DateTime.UtcNow.AddSeconds(name == "WatchStageChanges" ? 1 : 10);
        var options = new CallOptions(Headers: headers, Deadline: deadline);
        try
        {
            var request = Requests[name].Request;
            switch (name)
            {
                case "IngestStream":
                    using (var call = channel.ClientStreaming(ProfileHubMethods.IngestStream, options))
                    {
                        try
                        {
                            await call.RequestStream.WriteAsync((IngestRequest)request);
                            await call.RequestStream.CompleteAsync();
                        }
                        catch (RpcException)
                        {
                            // The server may answer before the request stream is written; its status is in the response.
                        }

                        await call.ResponseAsync;
                    }

                    break;
                case "WatchStageChanges":
                    using (var call = channel.ServerStreaming(ProfileHubMethods.WatchStageChanges, (WatchStageChangesRequest)request, options))
                    {
                        while (await call.ResponseStream.MoveNext(CancellationToken.None))
                        {
                        }
                    }

                    break;
                default:
                    await UnaryAsync(channel, name, request, options);
                    break;
            }

            return StatusCode.OK;
        }
        catch (RpcException e)
        {
            return e.StatusCode;
        }
    }

    private static Task UnaryAsync(GrpcChannel channel, string name, IMessage request, CallOptions options) => name switch
    {
        "Ingest" => channel.UnaryAsync(ProfileHubMethods.Ingest, (IngestRequest)request, options),
        "GetProfile" => channel.UnaryAsync(ProfileHubMethods.GetProfile, (GetProfileRequest)request, options),
        "GetJourneyStage" => channel.UnaryAsync(ProfileHubMethods.GetJourneyStage, (GetJourneyStageRequest)request, options),
        "BatchGetJourneyStages" => channel.UnaryAsync(ProfileHubMethods.BatchGetJourneyStages, (BatchGetJourneyStagesRequest)request, options),
        "ListProfilesByStage" => channel.UnaryAsync(ProfileHubMethods.ListProfilesByStage, (ListProfilesByStageRequest)request, options),
        "ListChanges" => channel.UnaryAsync(ProfileHubMethods.ListChanges, (ListChangesRequest)request, options),
        "ListStages" => channel.UnaryAsync(ProfileHubMethods.ListStages, (ListStagesRequest)request, options),
        "GetFunnel" => channel.UnaryAsync(ProfileHubMethods.GetFunnel, (GetFunnelRequest)request, options),
        "MergeProfiles" => channel.UnaryAsync(ProfileHubMethods.MergeProfiles, (MergeProfilesRequest)request, options),
        "SplitProfile" => channel.UnaryAsync(ProfileHubMethods.SplitProfile, (SplitProfileRequest)request, options),
        "ExplainProfile" => channel.UnaryAsync(ProfileHubMethods.ExplainProfile, (ExplainProfileRequest)request, options),
        "ForgetProfile" => channel.UnaryAsync(ProfileHubMethods.ForgetProfile, (ForgetProfileRequest)request, options),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a unary profilehub method"),
    };

    private static IngestRequest IngestRequest() => new()
    {
        Records =
        {
            new Record
            {
                Source = "crm",
                RecordId = "auth-matrix-1",
                OccurredAt = Timestamp.FromDateTime(new DateTime(2026, 1, 5, 10, 0, 0, DateTimeKind.Utc)),
                Identifiers = { new Identifier { Type = "email", Value = "matrix@example.com" } },
                Event = "page_viewed",
            },
        },
    };
}

using Google.Protobuf.WellKnownTypes;
using ProfileHub.Contracts;
using ProfileHub.Contracts.V1;
using ProfileHub.Grpc.Client;

namespace ProfileHub.Server.Tests.Infrastructure;

/// <summary>The calls the tests make most, with a generous deadline so a hung server fails a test instead of the run.</summary>
public static class ProfileHubCalls
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    public static CallOptions Options() => new(Deadline: DateTime.UtcNow + CallTimeout);

    public static Task<IngestResponse> IngestAsync(this GrpcChannel channel, params Record[] records)
    {
        var request = new IngestRequest();
        request.Records.AddRange(records);
        return channel.UnaryAsync(ProfileHubMethods.Ingest, request, Options());
    }

    /// <summary>Ingests records one call each, in order, so each record's effect is committed before the next.</summary>
    public static async Task<List<RecordResult>> IngestEachAsync(this GrpcChannel channel, IEnumerable<Record> records)
    {
        var results = new List<RecordResult>();
        foreach (var record in records)
        {
            results.Add((await channel.IngestAsync(record)).Results.Single());
        }

        return results;
    }

    public static Task<Profile> GetProfileAsync(this GrpcChannel channel, ProfileLookup lookup) =>
        channel.UnaryAsync(ProfileHubMethods.GetProfile, new GetProfileRequest { Lookup = lookup }, Options());

    public static Task<JourneyStageResponse> GetStageAsync(this GrpcChannel channel, ProfileLookup lookup, DateTimeOffset? asOf = null) =>
        channel.UnaryAsync(
            ProfileHubMethods.GetJourneyStage,
            new GetJourneyStageRequest { Lookup = lookup, AsOf = asOf is { } at ? Timestamp.FromDateTimeOffset(at) : null },
            Options());

    public static Task<ListChangesResponse> ListChangesAsync(this GrpcChannel channel, string cursor, int pageSize = 1_000) =>
        channel.UnaryAsync(ProfileHubMethods.ListChanges, new ListChangesRequest { Cursor = cursor, PageSize = pageSize }, Options());

    /// <summary>Every change after <paramref name="cursor"/> up to the current end of the feed, and the cursor to resume from.</summary>
    public static async Task<(List<Change> Changes, string Cursor)> ReadChangesToEndAsync(this GrpcChannel channel, string cursor)
    {
        var changes = new List<Change>();
        while (true)
        {
            var page = await channel.ListChangesAsync(cursor);
            changes.AddRange(page.Changes);
            cursor = page.NextCursor;
            if (page.Changes.Count == 0)
            {
                return (changes, cursor);
            }
        }
    }

    /// <summary>The cursor of the current end of the change feed.</summary>
    public static async Task<string> CurrentCursorAsync(this GrpcChannel channel) =>
        (await channel.ReadChangesToEndAsync(string.Empty)).Cursor;
}

using System.Collections.Concurrent;
using ProfileHub.Contracts;
using ProfileHub.Core.Ingest;
using ProfileHub.Grpc;
using ProfileHub.Grpc.Client;
using V1 = ProfileHub.Contracts.V1;

namespace ProfileHub.Bench.Load;

/// <summary>
/// After a run: every identifier of the sampled, accepted records and every profile id the server
/// answered for them must resolve with GetJourneyStage (merged-away ids resolve as aliases).
/// </summary>
internal static class SampleVerifier
{
    private const int Parallelism = 8;

    public static async Task<SampleVerification> VerifyAsync(GrpcChannel channel, List<IncomingRecord> records, Dictionary<int, SampledResult> sampled)
    {
        var lookups = new List<(string What, V1.ProfileLookup Lookup)>();
        var problems = new List<string>();
        var accepted = 0;
        foreach (var (index, result) in sampled)
        {
            if (result.Outcome == V1.IngestOutcome.Unspecified)
            {
                problems.Add($"record {index} got no result");
                continue;
            }

            if (result.Outcome is V1.IngestOutcome.Rejected or V1.IngestOutcome.Suppressed)
            {
                continue;
            }

            accepted++;
            lookups.Add(("profile_id", new V1.ProfileLookup { ProfileId = result.ProfileId }));
            foreach (var identifier in records[index].Identifiers)
            {
                lookups.Add((identifier.Type, new V1.ProfileLookup { Identifier = new V1.Identifier { Type = identifier.Type, Value = identifier.Value } }));
            }
        }

        var notFound = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var failures = new ConcurrentQueue<string>();
        await Parallel.ForEachAsync(lookups, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (item, ct) =>
        {
            try
            {
                await channel.UnaryAsync(ProfileHubMethods.GetJourneyStage, new V1.GetJourneyStageRequest { Lookup = item.Lookup }, Calls.Within(TimeSpan.FromSeconds(30)));
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
            {
                notFound.AddOrUpdate(item.What, 1, (_, n) => n + 1);
            }
            catch (RpcException e)
            {
                failures.Enqueue($"{item.What} lookup failed: {e.Status}");
            }
        });

        var profileIdLookups = lookups.Count(l => l.What == "profile_id");
        var profileIdNotFound = notFound.GetValueOrDefault("profile_id");
        var identifierNotFound = notFound.Where(n => n.Key != "profile_id").Sum(n => n.Value);
        foreach (var (what, count) in notFound.OrderBy(n => n.Key, StringComparer.Ordinal))
        {
            problems.Add($"{count} {what} lookup(s) answered NOT_FOUND");
        }

        problems.AddRange(failures.Take(5));
        return new SampleVerification(sampled.Count, accepted, lookups.Count - profileIdLookups, identifierNotFound, profileIdLookups, profileIdNotFound, problems);
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ProfileHub.Bench.Ingest;
using ProfileHub.Contracts;
using ProfileHub.Core.Ingest;
using ProfileHub.Grpc;
using ProfileHub.Grpc.Client;
using V1 = ProfileHub.Contracts.V1;

namespace ProfileHub.Bench.Load;

/// <summary>
/// <c>ingest</c>: sends generated records with IngestService.Ingest in fixed-size batches from
/// several concurrent callers over one channel, after a warm-up into the same server, then checks
/// that the outcomes add up and that sampled records' identifiers resolve.
/// </summary>
internal static class IngestCommand
{
    public const string Usage =
        "ingest --address URL [--records 200000] [--batch 500] [--callers 4] [--warmup 5000] [--seed 42] [--verify-sample 500] [--label NAME] [--json PATH] [--pick PATH]";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static async Task<int> RunAsync(CommandArguments arguments)
    {
        var address = arguments.Text("address");
        var records = arguments.Number("records", 200_000);
        var batchSize = arguments.Number("batch", 500);
        var callers = arguments.Number("callers", 4);
        var warmUp = arguments.Number("warmup", 5_000);
        var seed = arguments.Number("seed", 42);
        var sampleSize = arguments.Number("verify-sample", 500);
        var label = arguments.Text("label", "ingest");
        var jsonPath = arguments.Optional("json");
        var pickPath = arguments.Optional("pick");
        arguments.RejectUnknown();

        var dataset = new RecordGenerator(new GeneratorOptions { Records = records, Seed = seed }).Generate();
        var measured = dataset.Records.Select(r => r.Record).ToList();
        var warmUpRecords = warmUp == 0 ? [] : new RecordGenerator(new GeneratorOptions { Records = warmUp, Seed = seed + 1 }).Generate()
            .Records.Select(r => RecordMessages.ForWarmUp(r.Record)).ToList();
        var batches = RecordMessages.Batches(measured, batchSize);
        var warmUpBatches = RecordMessages.Batches(warmUpRecords, batchSize);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[{label}] {records} records (seed {seed}, {dataset.People} people, {dataset.SharedDevices} shared devices) in {batches.Count} batches of {batchSize}, {callers} concurrent callers, warm-up {warmUp} records"));

        using var channel = GrpcChannel.ForAddress(address);
        if (!await Calls.WaitUntilServingAsync(channel, TimeSpan.FromSeconds(60)))
        {
            Console.Error.WriteLine($"{address} did not report SERVING within 60 s");
            return 1;
        }

        var warmUpRun = await SendAsync(channel, warmUpBatches, callers, sample: null);
        if (warmUpRun.Totals.Sum != warmUpRecords.Count)
        {
            Console.Error.WriteLine($"warm-up outcomes do not add up: {warmUpRun.Totals}, sent {warmUpRecords.Count}");
            return 1;
        }

        var sampled = SampleIndices(records, sampleSize);
        var run = await SendAsync(channel, batches, callers, sampled);
        var perSecond = records / run.Elapsed.TotalSeconds;
        var p50 = Percentiles.Of(run.LatenciesMs, 0.50);
        var p99 = Percentiles.Of(run.LatenciesMs, 0.99);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[{label}] {perSecond:F0} records/s ({run.Elapsed.TotalSeconds:F2} s), batch latency p50 {p50:F1} ms p99 {p99:F1} ms max {run.LatenciesMs[^1]:F1} ms"));
        Console.WriteLine($"[{label}] outcomes {run.Totals}");

        var problems = new List<string>();
        if (run.Totals.Sum != records)
        {
            problems.Add($"outcomes add up to {run.Totals.Sum}, not {records}");
        }

        var verification = await SampleVerifier.VerifyAsync(channel, measured, sampled);
        Console.WriteLine($"[{label}] verification {verification}");
        problems.AddRange(verification.Problems);

        if (pickPath is not null)
        {
            WritePick(pickPath, measured, sampled);
        }

        if (jsonPath is not null)
        {
            var summary = new
            {
                label, records, batch = batchSize, callers, warmup = warmUp, seed,
                records_per_second = perSecond, elapsed_seconds = run.Elapsed.TotalSeconds,
                batch_p50_ms = p50, batch_p99_ms = p99, batch_max_ms = run.LatenciesMs[^1],
                created = run.Totals.Created, attached = run.Totals.Attached, merged = run.Totals.Merged,
                duplicate = run.Totals.Duplicate, rejected = run.Totals.Rejected, suppressed = run.Totals.Suppressed,
                outcome_sum = run.Totals.Sum,
                sampled_records = verification.Records, identifier_lookups = verification.IdentifierLookups,
                identifier_not_found = verification.IdentifierNotFound, profile_id_lookups = verification.ProfileIdLookups,
                profile_id_not_found = verification.ProfileIdNotFound,
                problems,
            };
            await File.WriteAllTextAsync(jsonPath, JsonSerializer.Serialize(summary, Indented));
        }

        foreach (var problem in problems)
        {
            Console.Error.WriteLine($"[{label}] FAILED: {problem}");
        }

        return problems.Count == 0 ? 0 : 1;
    }

    private static async Task<IngestRun> SendAsync(GrpcChannel channel, List<V1.IngestRequest> batches, int callers, Dictionary<int, SampledResult>? sample)
    {
        var next = -1;
        var batchSize = batches.Count == 0 ? 0 : batches[0].Records.Count;
        var latencies = new List<double>[callers];
        var totals = new OutcomeTotals[callers];
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(c => Task.Run(async () =>
        {
            latencies[c] = [];
            totals[c] = new OutcomeTotals();
            int index;
            while ((index = Interlocked.Increment(ref next)) < batches.Count)
            {
                var started = Stopwatch.GetTimestamp();
                var response = await channel.UnaryAsync(ProfileHubMethods.Ingest, batches[index], Calls.Within(TimeSpan.FromSeconds(120)));
                latencies[c].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                totals[c].Add(response);
                if (response.Results.Count != batches[index].Records.Count)
                {
                    throw new RpcException(new Status(StatusCode.Internal, $"batch {index}: {response.Results.Count} results for {batches[index].Records.Count} records"));
                }

                if (sample is not null)
                {
                    Remember(sample, index * batchSize, response);
                }
            }
        })));
        clock.Stop();

        var total = new OutcomeTotals();
        foreach (var part in totals)
        {
            total.Add(part);
        }

        return new IngestRun(clock.Elapsed, [.. latencies.SelectMany(l => l).Order()], total);
    }

    private static void Remember(Dictionary<int, SampledResult> sample, int firstIndex, V1.IngestResponse response)
    {
        foreach (var result in response.Results)
        {
            // Each sampled index belongs to exactly one batch, so callers never write the same entry.
            if (sample.TryGetValue(firstIndex + result.Index, out var slot))
            {
                slot.Outcome = result.Outcome;
                slot.ProfileId = result.ProfileId;
            }
        }
    }

    private static Dictionary<int, SampledResult> SampleIndices(int records, int sampleSize)
    {
        var step = Math.Max(1, records / Math.Max(1, sampleSize));
        var sample = new Dictionary<int, SampledResult>();
        for (var i = step / 2; i < records && sample.Count < sampleSize; i += step)
        {
            sample[i] = new SampledResult();
        }

        return sample;
    }

    /// <summary>Writes one identifier that resolves (a sampled record's CRM id or, failing that, its first identifier) for the stage benchmark.</summary>
    private static void WritePick(string path, List<IncomingRecord> records, Dictionary<int, SampledResult> sampled)
    {
        var candidates = sampled.Where(s => s.Value.Outcome is not (V1.IngestOutcome.Rejected or V1.IngestOutcome.Suppressed or V1.IngestOutcome.Unspecified))
            .Select(s => records[s.Key]).ToList();
        var identifier = candidates.SelectMany(r => r.Identifiers).FirstOrDefault(i => i.Type == "crm_id")
            ?? candidates.Select(r => r.Identifiers[0]).First();
        File.WriteAllText(path, $"{identifier.Type}\t{identifier.Value.Trim()}\n");
    }
}

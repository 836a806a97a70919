using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using ProfileHub.Bench.Store;
using ProfileHub.Core.Identity;
using ProfileHub.Core.Journey;
using ProfileHub.Core.Traits;
using ProfileHub.Storage;
using ProfileHub.Storage.Sqlite;

// Usage: ProfileHub.Bench.Store [records=200000] [batch=500] [callers=4] [rules=both|on|off|floor] [floor group=1000]
//        ProfileHub.Bench.Store history
if (args is ["history"])
{
    HistoryEvaluation.Run();
    return;
}

var records = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200_000;
var batch = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 500;
var callers = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 4;
var mode = args.Length > 3 ? args[3] : "both";

var workload = StoreWorkload.Generate(records, seed: 42);
if (mode == "floor")
{
    WriteFloor.Run(workload, args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 1_000);
    return;
}

Console.WriteLine($"records={records} batch={batch} concurrent callers={callers} (SQLite WAL, synchronous=FULL)");

var results = new Dictionary<string, double>();
foreach (var rulesOn in mode switch { "on" => new[] { true }, "off" => [false], _ => [false, true] })
{
    results[rulesOn ? "on" : "off"] = await RunAsync(rulesOn);
}

if (results.Count == 2)
{
    Console.WriteLine($"ratio rules on / off: {results["on"] / results["off"]:F2}");
}

async Task<double> RunAsync(bool rulesOn)
{
    var directory = Path.Combine(Path.GetTempPath(), "profilehub-bench-store", Guid.NewGuid().ToString("N"));
    Directory.CreateDirectory(directory);
    try
    {
        var identity = new IdentitySettings();
        var catalog = IdentifierCatalog.Create(identity);
        var stages = StageCatalog.Create(JourneySettings.CreateDefault());
        IIngestRules rules = new CoreIngestRules(
            new IdentityResolver(catalog, identity), new TraitReconciler(new TraitSettings()), stages, new StageEvaluator(stages), new AtRiskPolicy(stages));
        if (!rulesOn)
        {
            rules = new StageRulesOff(rules);
        }

        var options = new StorageOptions { ConnectionString = $"Data Source={Path.Combine(directory, "bench.db")}" };
        await using var store = new SqliteProfileStore(options, new ChangeSignal(), rules, TimeProvider.System, NullLogger.Instance);
        await store.InitializeAsync(CancellationToken.None);

        var batches = workload.Chunk(batch).ToArray();
        var next = -1;
        var latencies = new List<double>[callers];
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var writtenBefore = BytesWritten();
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(c => Task.Run(async () =>
        {
            latencies[c] = [];
            int index;
            while ((index = Interlocked.Increment(ref next)) < batches.Length)
            {
                var started = Stopwatch.GetTimestamp();
                await store.IngestAsync(batches[index], CancellationToken.None);
                latencies[c].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        })));
        watch.Stop();
        process.Refresh();
        var cpuSeconds = (process.TotalProcessorTime - cpuBefore).TotalSeconds;

        var all = latencies.SelectMany(l => l).Order().ToList();
        var perSecond = records / watch.Elapsed.TotalSeconds;
        var changes = await store.GetLastChangeSequenceAsync(CancellationToken.None);
        Console.WriteLine(
            $"stage rules {(rulesOn ? "on " : "off")}: {perSecond,9:F0} records/s  ({watch.Elapsed.TotalSeconds:F2} s, p50 batch {all[all.Count / 2]:F1} ms, p99 batch {all[(int)(all.Count * 0.99)]:F1} ms, {changes} changes); {records / cpuSeconds:F0} records per CPU-second ({cpuSeconds:F2} CPU-s)");
        if (writtenBefore is { } before && BytesWritten() is { } after)
        {
            // WAL frames plus checkpoint copies: what each commit's dirty pages cost in I/O.
            Console.WriteLine($"             {(after - before) / (double)records / 1024:F1} KiB written per record");
        }

        return perSecond;
    }
    finally
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }
}

// Bytes this process wrote to storage (Linux /proc/self/io), or null where that is not available.
static long? BytesWritten()
{
    const string Path = "/proc/self/io";
    if (!File.Exists(Path))
    {
        return null;
    }

    var line = File.ReadLines(Path).FirstOrDefault(l => l.StartsWith("wchar:", StringComparison.Ordinal));
    return line is null ? null : long.Parse(line.AsSpan(6).Trim(), CultureInfo.InvariantCulture);
}

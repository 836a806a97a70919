using System.Diagnostics.Metrics;
using ProfileHub.Core.Ingest;
using ProfileHub.Storage;

namespace ProfileHub.Server.Application;

/// <summary>ProfileHub's own instruments (meter <c>ProfileHub.Server</c>); the transport and cache publish theirs.</summary>
internal sealed class ServerMetrics : IDisposable
{
    public const string MeterName = "ProfileHub.Server";

    private readonly Meter _meter;
    private readonly Counter<long> _records;
    private readonly Counter<long> _atRiskFlips;
    private readonly Counter<long> _merges;
    private readonly Histogram<double> _storeDuration;
    private StoreStatistics? _statistics;

    public ServerMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(MeterName);
        _records = _meter.CreateCounter<long>("profilehub_ingest_records", description: "Records ingested, by outcome.");
        _atRiskFlips = _meter.CreateCounter<long>("profilehub_at_risk_flips", description: "At-risk flags set or cleared by the sweep.");
        _merges = _meter.CreateCounter<long>("profilehub_merges", description: "Profiles absorbed by merges during ingest.");
        _storeDuration = _meter.CreateHistogram<double>("profilehub_store_duration", unit: "s", description: "Time spent in store calls, by operation.");
        _meter.CreateObservableGauge("profilehub_profiles", ObserveProfilesByStage, description: "Live profiles per journey stage (empty stage: before any stage).");
        _meter.CreateObservableGauge("profilehub_shared_identifiers", () => _statistics?.SharedIdentifiers ?? 0, description: "Identifiers marked shared (devices seen with too many people).");
        _meter.CreateObservableCounter("profilehub_limit_conflicts", () => _statistics?.LimitConflicts ?? 0, description: "Identifier-limit conflicts (links refused to avoid over-merging) since start.");
    }

    public void RecordIngested(IngestOutcome outcome) =>
        _records.Add(1, new KeyValuePair<string, object?>("outcome", OutcomeTag(outcome)));

    public void AtRiskFlipped(int count) => _atRiskFlips.Add(count);

    public void Merged(int absorbedProfiles) => _merges.Add(absorbedProfiles);

    public void StoreCall(string operation, TimeSpan elapsed) =>
        _storeDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("operation", operation));

    /// <summary>Latest store counts, published by the statistics poller and read by the observable instruments.</summary>
    public void Publish(StoreStatistics statistics) => Volatile.Write(ref _statistics, statistics);

    public void Dispose() => _meter.Dispose();

    private IEnumerable<Measurement<long>> ObserveProfilesByStage()
    {
        if (Volatile.Read(ref _statistics) is not { } statistics)
        {
            yield break;
        }

        foreach (var (stage, count) in statistics.ProfilesByStage)
        {
            yield return new Measurement<long>(count, new KeyValuePair<string, object?>("stage", stage));
        }
    }

    private static string OutcomeTag(IngestOutcome outcome) => outcome switch
    {
        IngestOutcome.Created => "created",
        IngestOutcome.Attached => "attached",
        IngestOutcome.Merged => "merged",
        IngestOutcome.Duplicate => "duplicate",
        IngestOutcome.Rejected => "rejected",
        IngestOutcome.Suppressed => "suppressed",
        _ => "unknown",
    };
}

using System.Diagnostics.Metrics;
using ProfileHub.Core.Ingest;

namespace ProfileHub.Server.Application;

/// <summary>ProfileHub's own instruments (meter <c>ProfileHub.Server</c>); the transport and cache publish theirs.</summary>
internal sealed class ServerMetrics : IDisposable
{
    public const string MeterName = "ProfileHub.Server";

    private readonly Meter _meter;
    private readonly Counter<long> _records;
    private readonly Counter<long> _atRiskFlips;

    public ServerMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(MeterName);
        _records = _meter.CreateCounter<long>("profilehub_ingest_records", description: "Records ingested, by outcome.");
        _atRiskFlips = _meter.CreateCounter<long>("profilehub_at_risk_flips", description: "At-risk flags set or cleared by the sweep.");
    }

    public void RecordIngested(IngestOutcome outcome) =>
        _records.Add(1, new KeyValuePair<string, object?>("outcome", OutcomeTag(outcome)));

    public void AtRiskFlipped(int count) => _atRiskFlips.Add(count);

    public void Dispose() => _meter.Dispose();

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

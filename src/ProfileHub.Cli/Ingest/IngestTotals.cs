using ProfileHub.Contracts.V1;

namespace ProfileHub.Cli.Ingest;

/// <summary>Running totals of an ingest run, by outcome.</summary>
internal sealed class IngestTotals
{
    public long Read { get; set; }

    public long Created { get; private set; }

    public long Attached { get; private set; }

    public long Merged { get; private set; }

    public long Duplicate { get; private set; }

    /// <summary>Rejected by the server plus lines the CLI could not parse.</summary>
    public long Rejected { get; private set; }

    public long Suppressed { get; private set; }

    public void AddServerCounts(IngestResponse response)
    {
        Created += response.Created;
        Attached += response.Attached;
        Merged += response.Merged;
        Duplicate += response.Duplicate;
        Rejected += response.Rejected;
        Suppressed += response.Suppressed;
    }

    public void AddUnreadable() => Rejected++;
}

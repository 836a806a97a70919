using V1 = ProfileHub.Contracts.V1;

namespace ProfileHub.Bench.Load;

/// <summary>Ingest outcomes summed over responses.</summary>
internal sealed class OutcomeTotals
{
    public long Created { get; private set; }

    public long Attached { get; private set; }

    public long Merged { get; private set; }

    public long Duplicate { get; private set; }

    public long Rejected { get; private set; }

    public long Suppressed { get; private set; }

    public long Sum => Created + Attached + Merged + Duplicate + Rejected + Suppressed;

    public void Add(V1.IngestResponse response)
    {
        Created += response.Created;
        Attached += response.Attached;
        Merged += response.Merged;
        Duplicate += response.Duplicate;
        Rejected += response.Rejected;
        Suppressed += response.Suppressed;
    }

    public void Add(OutcomeTotals other)
    {
        Created += other.Created;
        Attached += other.Attached;
        Merged += other.Merged;
        Duplicate += other.Duplicate;
        Rejected += other.Rejected;
        Suppressed += other.Suppressed;
    }

    public override string ToString() =>
        $"created={Created} attached={Attached} merged={Merged} duplicate={Duplicate} rejected={Rejected} suppressed={Suppressed} (sum {Sum})";
}

using ProfileHub.Core.Ingest;

namespace ProfileHub.Storage.Sqlite;

/// <summary>A batch of records from one ingest call.</summary>
internal sealed class IngestWrite(IReadOnlyList<NormalizedRecord> records) : WriteRequest<IReadOnlyList<IngestResult>>
{
    public override int Size => Math.Max(1, records.Count);

    protected override IReadOnlyList<IngestResult> Run(WriterSession session)
    {
        var results = new IngestResult[records.Count];
        for (var i = 0; i < results.Length; i++)
        {
            results[i] = session.Records.Apply(records[i], session.NowTicks);
        }

        return results;
    }
}

using System.Diagnostics;
using ProfileHub.Core.Ingest;
using ProfileHub.Storage;

namespace ProfileHub.Server.Application;

/// <summary>
/// The ingest operation: validate and normalize each record, commit the valid ones in one store
/// call (acknowledged only after the commit), then drop every cache entry the batch changed.
/// </summary>
internal sealed class RecordIngestor(RecordNormalizer normalizer, IProfileStore store, ProfileCache cache, ServerMetrics metrics)
{
    /// <summary>
    /// Ingests <paramref name="records"/>; a null entry is a record the transport already rejected
    /// (its result is replaced by the caller). Field paths are numbered from <paramref name="offset"/>.
    /// </summary>
    public async Task<IReadOnlyList<IngestResult>> IngestAsync(IReadOnlyList<IncomingRecord?> records, int offset, CancellationToken cancellationToken)
    {
        var results = new IngestResult[records.Count];
        var accepted = new List<NormalizedRecord>(records.Count);
        var acceptedIndex = new List<int>(records.Count);
        for (var i = 0; i < records.Count; i++)
        {
            if (records[i] is not { } record)
            {
                results[i] = IngestResult.Rejected(string.Empty);
                continue;
            }

            var normalized = normalizer.Normalize(record, $"records[{offset + i}]");
            if (normalized.Record is { } ok)
            {
                accepted.Add(ok);
                acceptedIndex.Add(i);
            }
            else
            {
                results[i] = IngestResult.Rejected(normalized.Error!);
            }
        }

        if (accepted.Count > 0)
        {
            var started = Stopwatch.GetTimestamp();
            var committed = await store.IngestAsync(accepted, cancellationToken);
            metrics.StoreCall("ingest", Stopwatch.GetElapsedTime(started));
            for (var j = 0; j < committed.Count; j++)
            {
                results[acceptedIndex[j]] = committed[j];
            }

            // Committed data must never stay hidden behind stale cache entries, so the invalidation runs
            // even when the caller has gone away (it is bounded by the cache's own timeouts).
            await cache.InvalidateAfterIngestAsync(accepted, committed, CancellationToken.None);
        }

        foreach (var result in results)
        {
            metrics.RecordIngested(result.Outcome);
            if (result.MergedProfileIds.Count > 0)
            {
                metrics.Merged(result.MergedProfileIds.Count);
            }
        }

        return results;
    }
}

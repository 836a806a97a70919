using ProfileHub.Cli.Records;
using ProfileHub.Contracts;
using ProfileHub.Contracts.V1;
using ProfileHub.Grpc.Client;

namespace ProfileHub.Cli.Ingest;

/// <summary>
/// Streams records to IngestService.IngestStream in batches. A file is sent over several calls of at most
/// <c>recordsPerCall</c> records so each call's response (one result per record) stays small and the
/// rejects of a call can be matched back to their lines.
/// </summary>
internal sealed class IngestRun(ServerConnection connection, int batchSize, int recordsPerCall, RejectsFile rejects, ProgressLine progress)
{
    public IngestTotals Totals { get; } = new();

    public async Task RunAsync(IAsyncEnumerable<SourceRecord> source, CancellationToken cancellationToken)
    {
        var sentInCall = new List<SourceRecord>(recordsPerCall);
        var batch = new IngestRequest();
        ClientStreamingCall<IngestRequest, IngestResponse>? call = null;
        long sent = 0;
        long acknowledged = 0;
        try
        {
            await foreach (var item in source.WithCancellation(cancellationToken))
            {
                Totals.Read++;
                if (item.Record is null)
                {
                    Totals.AddUnreadable();
                    await rejects.WriteAsync(item.Line, item.Error ?? "unreadable", item.Raw, cancellationToken);
                    continue;
                }

                call ??= connection.Channel.ClientStreaming(ProfileHubMethods.IngestStream, connection.Call(cancellationToken));
                batch.Records.Add(item.Record);
                sentInCall.Add(item);
                if (batch.Records.Count >= batchSize)
                {
                    await call.RequestStream.WriteAsync(batch, cancellationToken);
                    sent += batch.Records.Count;
                    batch = new IngestRequest();
                }

                if (sentInCall.Count >= recordsPerCall)
                {
                    acknowledged += await FinishCallAsync(call, batch, sentInCall, cancellationToken);
                    sent += batch.Records.Count;
                    batch = new IngestRequest();
                    call.Dispose();
                    call = null;
                }

                progress.Report(sent, acknowledged, Totals.Rejected);
            }

            if (call is not null)
            {
                acknowledged += await FinishCallAsync(call, batch, sentInCall, cancellationToken);
                sent += batch.Records.Count;
            }

            progress.Report(sent, acknowledged, Totals.Rejected);
        }
        finally
        {
            call?.Dispose();
            progress.Finish();
        }
    }

    private async Task<long> FinishCallAsync(ClientStreamingCall<IngestRequest, IngestResponse> call, IngestRequest lastBatch, List<SourceRecord> sentInCall, CancellationToken cancellationToken)
    {
        if (lastBatch.Records.Count > 0)
        {
            await call.RequestStream.WriteAsync(lastBatch, cancellationToken);
        }

        await call.RequestStream.CompleteAsync();
        var response = await call.ResponseAsync;
        Totals.AddServerCounts(response);
        foreach (var result in response.Results)
        {
            if (result.Outcome == IngestOutcome.Rejected && result.Index >= 0 && result.Index < sentInCall.Count)
            {
                var item = sentInCall[result.Index];
                await rejects.WriteAsync(item.Line, result.Error, item.Raw, cancellationToken);
            }
        }

        var count = sentInCall.Count;
        sentInCall.Clear();
        return count;
    }
}

using ProfileHub.Core.Errors;
using ProfileHub.Core.Ingest;
using ProfileHub.Grpc;
using ProfileHub.Server.Application;
using ProfileHub.Server.Errors;
using ProfileHub.Server.Mapping;
using V1 = ProfileHub.Contracts.V1;

namespace ProfileHub.Server.Services;

/// <summary>profilehub.v1.IngestService: records in from CRM, web, email and support systems.</summary>
internal sealed class IngestService(RecordIngestor ingestor)
{
    public const int MaxRecordsPerRequest = 1_000;

    public async Task<V1.IngestResponse> Ingest(V1.IngestRequest request, ServerCallContext context)
    {
        RequestGuard.Count(request.Records.Count, 1, MaxRecordsPerRequest, "records");
        var response = new V1.IngestResponse();
        await IngestBatchAsync(request, 0, response, context.CancellationToken);
        return response;
    }

    public async Task<V1.IngestResponse> IngestStream(IAsyncStreamReader<V1.IngestRequest> requests, ServerCallContext context)
    {
        var response = new V1.IngestResponse();
        var offset = 0;
        var batch = 0;
        await foreach (var request in requests.ReadAllAsync(context.CancellationToken))
        {
            RequestGuard.Count(request.Records.Count, 0, MaxRecordsPerRequest, $"requests[{batch}].records");
            await IngestBatchAsync(request, offset, response, context.CancellationToken);
            offset += request.Records.Count;
            batch++;
        }

        return response;
    }

    private async Task IngestBatchAsync(V1.IngestRequest request, int offset, V1.IngestResponse response, CancellationToken cancellationToken)
    {
        var records = new IncomingRecord?[request.Records.Count];
        var mappingErrors = new string?[records.Length];
        for (var i = 0; i < records.Length; i++)
        {
            try
            {
                records[i] = RecordMapping.ToIncoming(request.Records[i]);
            }
            catch (InvalidFieldException e)
            {
                mappingErrors[i] = $"records[{offset + i}].{e.Field}: {e.Reason}";
            }
        }

        var results = await ingestor.IngestAsync(records, offset, cancellationToken);
        for (var i = 0; i < results.Count; i++)
        {
            var result = mappingErrors[i] is { } error ? IngestResult.Rejected(error) : results[i];
            response.Results.Add(RecordMapping.ToResult(offset + i, result));
            RecordMapping.Count(response, result.Outcome);
        }
    }
}

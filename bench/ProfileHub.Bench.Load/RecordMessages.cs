using Google.Protobuf.WellKnownTypes;
using ProfileHub.Core.Ingest;
using V1 = ProfileHub.Contracts.V1;

namespace ProfileHub.Bench.Load;

/// <summary>Generated records as the wire messages a source system would send.</summary>
internal static class RecordMessages
{
    public static V1.Record ToProto(IncomingRecord record)
    {
        var message = new V1.Record
        {
            Source = record.Source,
            RecordId = record.RecordId,
            Event = record.Event ?? string.Empty,
        };
        if (record.OccurredAt is { } at)
        {
            message.OccurredAt = Timestamp.FromDateTimeOffset(at);
        }

        foreach (var identifier in record.Identifiers)
        {
            message.Identifiers.Add(new V1.Identifier { Type = identifier.Type, Value = identifier.Value });
        }

        foreach (var (name, value) in record.Properties)
        {
            message.Properties[name] = value;
        }

        foreach (var (name, value) in record.Traits)
        {
            message.Traits[name] = value;
        }

        return message;
    }

    /// <summary>
    /// A warm-up copy: its own record id and identifier values, so the warm-up neither makes the
    /// measured records DUPLICATE nor links to their profiles. Phones keep their (random) digits
    /// because a prefix would make them invalid.
    /// </summary>
    public static IncomingRecord ForWarmUp(IncomingRecord record) =>
        record with
        {
            RecordId = "warmup-" + record.RecordId,
            Identifiers = record.Identifiers
                .Select(i => i.Type == "phone" ? i : i with { Value = "warmup-" + i.Value.Trim() })
                .ToList(),
        };

    public static List<V1.IngestRequest> Batches(IEnumerable<IncomingRecord> records, int batchSize)
    {
        var batches = new List<V1.IngestRequest>();
        foreach (var chunk in records.Chunk(batchSize))
        {
            var request = new V1.IngestRequest();
            request.Records.Add(chunk.Select(ToProto));
            batches.Add(request);
        }

        return batches;
    }
}

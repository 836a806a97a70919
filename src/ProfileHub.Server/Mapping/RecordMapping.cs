using Google.Protobuf.WellKnownTypes;
using ProfileHub.Core.Errors;
using ProfileHub.Core.Ingest;
using V1 = ProfileHub.Contracts.V1;

namespace ProfileHub.Server.Mapping;

/// <summary>Maps ingest messages to Core records and results back.</summary>
internal static class RecordMapping
{
    public static IncomingRecord ToIncoming(V1.Record record)
    {
        var identifiers = new IncomingIdentifier[record.Identifiers.Count];
        for (var i = 0; i < identifiers.Length; i++)
        {
            identifiers[i] = new IncomingIdentifier(record.Identifiers[i].Type, record.Identifiers[i].Value);
        }

        return new IncomingRecord(
            record.Source,
            record.RecordId,
            record.OccurredAt is null ? null : ToDateTimeOffset(record.OccurredAt),
            identifiers,
            string.IsNullOrEmpty(record.Event) ? null : record.Event,
            record.Properties,
            record.Traits);
    }

    public static V1.RecordResult ToResult(int index, IngestResult result)
    {
        var mapped = new V1.RecordResult
        {
            Index = index,
            ProfileId = result.ProfileId ?? string.Empty,
            Outcome = ToOutcome(result.Outcome),
            Error = result.Message ?? string.Empty,
        };
        mapped.MergedProfileIds.AddRange(result.MergedProfileIds);
        return mapped;
    }

    public static void Count(V1.IngestResponse response, IngestOutcome outcome)
    {
        switch (outcome)
        {
            case IngestOutcome.Created: response.Created++; break;
            case IngestOutcome.Attached: response.Attached++; break;
            case IngestOutcome.Merged: response.Merged++; break;
            case IngestOutcome.Duplicate: response.Duplicate++; break;
            case IngestOutcome.Rejected: response.Rejected++; break;
            case IngestOutcome.Suppressed: response.Suppressed++; break;
        }
    }

    /// <summary>Converts a proto timestamp, naming <paramref name="field"/> when it is out of range.</summary>
    public static DateTimeOffset ToDateTimeOffset(Timestamp timestamp, string field = "occurred_at")
    {
        // Out-of-range values would throw an unnamed error deep inside Google.Protobuf.
        if (timestamp.Nanos is < 0 or >= 1_000_000_000 || timestamp.Seconds < MinSeconds || timestamp.Seconds > MaxSeconds)
        {
            throw new InvalidFieldException(field, "timestamp out of range (years 0001 to 9999, nanos 0 to 999,999,999)");
        }

        return timestamp.ToDateTimeOffset();
    }

    private const long MinSeconds = -62_135_596_800;
    private const long MaxSeconds = 253_402_300_799;

    private static V1.IngestOutcome ToOutcome(IngestOutcome outcome) => outcome switch
    {
        IngestOutcome.Created => V1.IngestOutcome.Created,
        IngestOutcome.Attached => V1.IngestOutcome.Attached,
        IngestOutcome.Merged => V1.IngestOutcome.Merged,
        IngestOutcome.Duplicate => V1.IngestOutcome.Duplicate,
        IngestOutcome.Rejected => V1.IngestOutcome.Rejected,
        IngestOutcome.Suppressed => V1.IngestOutcome.Suppressed,
        _ => V1.IngestOutcome.Unspecified,
    };
}

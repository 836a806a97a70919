using Google.Protobuf.WellKnownTypes;
using ProfileHub.Core.Admin;
using ProfileHub.Core.Errors;
using ProfileHub.Core.Identity;
using V1 = ProfileHub.Contracts.V1;

namespace ProfileHub.Server.Mapping;

/// <summary>Proto ↔ Core for the admin service.</summary>
internal sealed class AdminMapping(LookupMapping lookups)
{
    /// <summary>A normalized identifier from a request field, normalized exactly as ingest does.</summary>
    public IdentifierKey ToIdentifier(V1.Identifier? identifier, string field)
    {
        if (identifier is null)
        {
            throw new InvalidFieldException(field, "is required");
        }

        var key = lookups.ToKey(new V1.ProfileLookup { Identifier = identifier }, field);
        return key.Identifier!.Value;
    }

    /// <summary>The evidence a split removes: an identifier, or a record named "source/record_id".</summary>
    public SplitEvidence ToSplitEvidence(V1.SplitProfileRequest request)
    {
        switch (request.EvidenceCase)
        {
            case V1.SplitProfileRequest.EvidenceOneofCase.Identifier:
                return SplitEvidence.ByIdentifier(ToIdentifier(request.Identifier, "identifier"));
            case V1.SplitProfileRequest.EvidenceOneofCase.Record:
                var slash = request.Record.IndexOf('/', StringComparison.Ordinal);
                if (slash <= 0 || slash == request.Record.Length - 1)
                {
                    throw new InvalidFieldException("record", "must be \"source/record_id\"");
                }

                return SplitEvidence.ByRecord(request.Record[..slash], request.Record[(slash + 1)..]);
            default:
                throw new InvalidFieldException("evidence", "an identifier or a record is required");
        }
    }

    public static V1.ExplainProfileResponse ToProto(ExplainReport report)
    {
        var response = new V1.ExplainProfileResponse { ProfileId = report.ProfileId, Connected = true };
        foreach (var identifier in report.Identifiers)
        {
            var explained = new V1.ExplainedIdentifier { Identifier = ToProto(identifier.Identifier), Shared = identifier.Shared };
            foreach (var edge in identifier.Evidence)
            {
                explained.Evidence.Add(ToProto(edge));
            }

            response.Identifiers.Add(explained);
        }

        return response;
    }

    public static V1.ExplainProfileResponse ToProto(EvidencePath path)
    {
        var response = new V1.ExplainProfileResponse { ProfileId = path.ProfileId, Connected = path.Connected };
        foreach (var step in path.Steps)
        {
            response.Path.Add(ToProto(step));
        }

        return response;
    }

    public static V1.Evidence ToProto(EvidenceEdge edge) => new()
    {
        Source = edge.Source,
        RecordId = edge.RecordId,
        At = Timestamp.FromDateTimeOffset(edge.At),
        Rule = edge.Rule,
        A = ToProto(edge.A),
        B = ToProto(edge.B),
    };

    public static V1.Identifier ToProto(IdentifierKey key) => new() { Type = key.Type, Value = key.Value };
}

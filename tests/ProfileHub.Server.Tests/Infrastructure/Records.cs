using Google.Protobuf.WellKnownTypes;
using ProfileHub.Contracts.V1;

namespace ProfileHub.Server.Tests.Infrastructure;

/// <summary>Short constructors for the records and lookups the tests send.</summary>
public static class Records
{
    public static Identifier Id(string type, string value) => new() { Type = type, Value = value };

    public static Record Event(string source, string recordId, DateTimeOffset at, string eventName, params Identifier[] identifiers)
    {
        var record = new Record { Source = source, RecordId = recordId, OccurredAt = Timestamp.FromDateTimeOffset(at), Event = eventName };
        record.Identifiers.AddRange(identifiers);
        return record;
    }

    public static Record Identify(string source, string recordId, DateTimeOffset at, params Identifier[] identifiers) =>
        Event(source, recordId, at, string.Empty, identifiers);

    public static Record WithProperty(this Record record, string name, string value)
    {
        record.Properties[name] = value;
        return record;
    }

    public static Record WithTrait(this Record record, string name, string value)
    {
        record.Traits[name] = value;
        return record;
    }

    public static ProfileLookup ByProfileId(string profileId) => new() { ProfileId = profileId };

    public static ProfileLookup ByIdentifier(string type, string value) => new() { Identifier = Id(type, value) };
}

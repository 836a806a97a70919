using ProfileHub.Core.Identity;

namespace ProfileHub.Core.Admin;

/// <summary>The wrong evidence a split removes: exactly one of an identifier or a record.</summary>
public sealed record SplitEvidence
{
    private SplitEvidence(IdentifierKey? identifier, string? source, string? recordId)
    {
        Identifier = identifier;
        Source = source;
        RecordId = recordId;
    }

    /// <summary>The identifier to unlink, when splitting by identifier.</summary>
    public IdentifierKey? Identifier { get; }

    /// <summary>The source of the record whose evidence is dropped, when splitting by record.</summary>
    public string? Source { get; }

    /// <summary>The id of the record whose evidence is dropped, when splitting by record.</summary>
    public string? RecordId { get; }

    /// <summary>Unlinks <paramref name="identifier"/> and every edge touching it.</summary>
    public static SplitEvidence ByIdentifier(IdentifierKey identifier) => new(identifier, null, null);

    /// <summary>Drops the edges of record (<paramref name="source"/>, <paramref name="recordId"/>).</summary>
    public static SplitEvidence ByRecord(string source, string recordId)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        ArgumentException.ThrowIfNullOrEmpty(recordId);
        return new(null, source, recordId);
    }
}

namespace ProfileHub.Cli.Records;

/// <summary>What a CSV column holds.</summary>
internal enum CsvColumnKind
{
    Ignored,
    Source,
    RecordId,
    OccurredAt,
    Event,
    Identifier,
    Property,
    Trait,
}

namespace ProfileHub.Cli.Records;

/// <summary>A header cell: the fixed columns, or <c>id:</c>/<c>prop:</c>/<c>trait:</c> with a name.</summary>
internal sealed record CsvColumn(CsvColumnKind Kind, string Name)
{
    public static IReadOnlyList<CsvColumn> ParseHeader(IReadOnlyList<string> header) =>
        header.Select(cell => Parse(cell.Trim())).ToArray();

    private static CsvColumn Parse(string cell)
    {
        if (cell.StartsWith("id:", StringComparison.OrdinalIgnoreCase))
        {
            return Named(CsvColumnKind.Identifier, cell[3..], cell);
        }

        if (cell.StartsWith("prop:", StringComparison.OrdinalIgnoreCase))
        {
            return Named(CsvColumnKind.Property, cell[5..], cell);
        }

        if (cell.StartsWith("trait:", StringComparison.OrdinalIgnoreCase))
        {
            return Named(CsvColumnKind.Trait, cell[6..], cell);
        }

        return cell.ToUpperInvariant() switch
        {
            "SOURCE" => new CsvColumn(CsvColumnKind.Source, cell),
            "RECORD_ID" => new CsvColumn(CsvColumnKind.RecordId, cell),
            "OCCURRED_AT" => new CsvColumn(CsvColumnKind.OccurredAt, cell),
            "EVENT" => new CsvColumn(CsvColumnKind.Event, cell),
            // Unknown columns are ignored so wider exports load without editing.
            _ => new CsvColumn(CsvColumnKind.Ignored, cell),
        };
    }

    private static CsvColumn Named(CsvColumnKind kind, string name, string cell) =>
        name.Length > 0 ? new CsvColumn(kind, name) : throw new UsageException($"CSV header column '{cell}' needs a name after the colon.");
}

using System.Runtime.CompilerServices;
using ProfileHub.Contracts.V1;

namespace ProfileHub.Cli.Records;

/// <summary>
/// CSV (RFC 4180: comma separated, double quotes, quoted fields may span lines) with a header row:
/// <c>source,record_id,occurred_at,event</c> plus <c>id:&lt;type&gt;</c>, <c>prop:&lt;name&gt;</c> and
/// <c>trait:&lt;name&gt;</c> columns. Empty cells are left out of the record.
/// </summary>
internal static class CsvRecordReader
{
    public static async IAsyncEnumerable<SourceRecord> ReadAsync(TextReader reader, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var rows = new CsvRowReader(reader);
        var header = await rows.ReadAsync(cancellationToken);
        if (header is null)
        {
            yield break;
        }

        var columns = CsvColumn.ParseHeader(header.Value.Fields);
        while (await rows.ReadAsync(cancellationToken) is { } row)
        {
            if (row.Fields.Count == 1 && row.Fields[0].Length == 0)
            {
                continue;
            }

            yield return Build(row.Line, row.Raw, row.Fields, columns);
        }
    }

    private static SourceRecord Build(long number, string raw, IReadOnlyList<string> fields, IReadOnlyList<CsvColumn> columns)
    {
        if (fields.Count != columns.Count)
        {
            return new SourceRecord(number, raw, null, $"expected {columns.Count} fields as in the header, found {fields.Count}");
        }

        var record = new Record();
        for (var i = 0; i < columns.Count; i++)
        {
            var cell = fields[i];
            if (cell.Length == 0)
            {
                continue;
            }

            var column = columns[i];
            switch (column.Kind)
            {
                case CsvColumnKind.Source:
                    record.Source = cell;
                    break;
                case CsvColumnKind.RecordId:
                    record.RecordId = cell;
                    break;
                case CsvColumnKind.Event:
                    record.Event = cell;
                    break;
                case CsvColumnKind.OccurredAt:
                    if (!RecordValues.TryParseTime(cell, out var timestamp))
                    {
                        return new SourceRecord(number, raw, null, "occurred_at: expected an RFC 3339 time such as 2026-03-01T12:00:00Z");
                    }

                    record.OccurredAt = timestamp;
                    break;
                case CsvColumnKind.Identifier:
                    record.Identifiers.Add(new Identifier { Type = column.Name, Value = cell });
                    break;
                case CsvColumnKind.Property:
                    record.Properties[column.Name] = cell;
                    break;
                case CsvColumnKind.Trait:
                    record.Traits[column.Name] = cell;
                    break;
                default:
                    break;
            }
        }

        return new SourceRecord(number, raw, record, null);
    }
}

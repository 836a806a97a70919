using System.Text;

namespace ProfileHub.Cli.Records;

/// <summary>Splits RFC 4180 rows; keeps line numbers so rejects point at the right place.</summary>
internal sealed class CsvRowReader(TextReader reader)
{
    private long _line;

    public async ValueTask<CsvRow?> ReadAsync(CancellationToken cancellationToken)
    {
        var first = await reader.ReadLineAsync(cancellationToken);
        if (first is null)
        {
            return null;
        }

        _line++;
        var start = _line;
        var raw = new StringBuilder(first);
        var fields = new List<string>();
        var field = new StringBuilder();
        var inQuotes = false;
        var text = first;
        while (true)
        {
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (inQuotes)
                {
                    if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else if (c == '"')
                    {
                        inQuotes = false;
                    }
                    else
                    {
                        field.Append(c);
                    }
                }
                else if (c == '"')
                {
                    inQuotes = true;
                }
                else if (c == ',')
                {
                    fields.Add(field.ToString());
                    field.Clear();
                }
                else
                {
                    field.Append(c);
                }
            }

            if (!inQuotes)
            {
                break;
            }

            // A quoted field continues on the next line: keep the line break inside the field.
            var next = await reader.ReadLineAsync(cancellationToken);
            if (next is null)
            {
                break;
            }

            _line++;
            field.Append('\n');
            raw.Append('\n').Append(next);
            text = next;
        }

        fields.Add(field.ToString());
        return new CsvRow(start, raw.ToString(), fields);
    }
}

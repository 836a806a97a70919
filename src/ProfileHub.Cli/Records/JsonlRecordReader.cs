using System.Runtime.CompilerServices;
using System.Text.Json;
using ProfileHub.Contracts.V1;

namespace ProfileHub.Cli.Records;

/// <summary>
/// JSON Lines: one object per line with source, record_id, occurred_at, identifiers [{type,value}],
/// event, properties and traits. Blank lines are skipped; a malformed line becomes a rejected record.
/// </summary>
internal static class JsonlRecordReader
{
    public static async IAsyncEnumerable<SourceRecord> ReadAsync(TextReader reader, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long number = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            yield return Parse(number, line);
        }
    }

    public static SourceRecord Parse(long number, string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var error = TryBuild(document.RootElement, out var record);
            return new SourceRecord(number, line, error is null ? record : null, error);
        }
        catch (JsonException e)
        {
            return new SourceRecord(number, line, null, "invalid JSON: " + e.Message);
        }
    }

    private static string? TryBuild(JsonElement root, out Record result)
    {
        var record = new Record();
        result = record;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return "line is not a JSON object";
        }

        foreach (var property in root.EnumerateObject())
        {
            var error = property.Name switch
            {
                "source" => Text(property.Value, "source", v => record.Source = v),
                "record_id" => Text(property.Value, "record_id", v => record.RecordId = v),
                "event" => Text(property.Value, "event", v => record.Event = v),
                "occurred_at" => Time(property.Value, record),
                "identifiers" => Identifiers(property.Value, record),
                "properties" => Map(property.Value, "properties", record.Properties),
                "traits" => Map(property.Value, "traits", record.Traits),
                _ => null, // Unknown fields are ignored so exports with extra columns still load.
            };
            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }

    private static string? Text(JsonElement value, string field, Action<string> set)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                set(value.GetString()!);
                return null;
            case JsonValueKind.Number:
                set(value.GetRawText());
                return null;
            case JsonValueKind.Null:
                return null;
            default:
                return $"{field}: expected a string";
        }
    }

    private static string? Time(JsonElement value, Record record)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String || !RecordValues.TryParseTime(value.GetString()!, out var timestamp))
        {
            return "occurred_at: expected an RFC 3339 time such as 2026-03-01T12:00:00Z";
        }

        record.OccurredAt = timestamp;
        return null;
    }

    private static string? Identifiers(JsonElement value, Record record)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            return "identifiers: expected an array of {\"type\",\"value\"}";
        }

        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object
                || !item.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String
                || !item.TryGetProperty("value", out var text) || text.ValueKind is not (JsonValueKind.String or JsonValueKind.Number))
            {
                return $"identifiers[{index}]: expected {{\"type\": string, \"value\": string}}";
            }

            record.Identifiers.Add(new Identifier { Type = type.GetString()!, Value = text.ValueKind == JsonValueKind.String ? text.GetString()! : text.GetRawText() });
            index++;
        }

        return null;
    }

    private static string? Map(JsonElement value, string field, Google.Protobuf.Collections.MapField<string, string> target)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            return $"{field}: expected an object";
        }

        foreach (var entry in value.EnumerateObject())
        {
            // Numbers and booleans keep their JSON text ("9", "true"): the stage rules compare strings.
            switch (entry.Value.ValueKind)
            {
                case JsonValueKind.String:
                    target[entry.Name] = entry.Value.GetString()!;
                    break;
                case JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                    target[entry.Name] = entry.Value.GetRawText();
                    break;
                case JsonValueKind.Null:
                    break;
                default:
                    return $"{field}.{entry.Name}: expected a string, number or boolean";
            }
        }

        return null;
    }
}

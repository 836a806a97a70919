using System.Globalization;
using System.Text;
using System.Text.Json;
using ProfileHub.Core.Identity;
using ProfileHub.Core.Profiles;

namespace ProfileHub.Storage.Sqlite;

/// <summary>
/// The small JSON documents stored in text columns: written by hand into a reused builder (the
/// writer's hot path) and read with <see cref="Utf8JsonReader"/>; no reflection either way.
/// </summary>
internal static class StoredJson
{
    public static string? WriteMap(IReadOnlyDictionary<string, string> map)
    {
        if (map.Count == 0)
        {
            return null;
        }

        var json = Begin('{');
        foreach (var (key, value) in map)
        {
            Separate(json);
            Quote(json, key);
            json.Append(':');
            Quote(json, value);
        }

        return End(json, '}');
    }

    public static IReadOnlyDictionary<string, string> ReadMap(string? json)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(json))
        {
            return map;
        }

        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            reader.Read();
            map[key] = reader.GetString() ?? string.Empty;
        }

        return map;
    }

    public static string WriteStrings(IEnumerable<string> values)
    {
        var json = Begin('[');
        foreach (var value in values)
        {
            Separate(json);
            Quote(json, value);
        }

        return End(json, ']');
    }

    public static IReadOnlyList<string> ReadStrings(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }

        var list = new List<string>();
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.String)
        {
            list.Add(reader.GetString()!);
        }

        return list;
    }

    /// <summary>Identifier keys of a record as <c>[["type","value"],…]</c>: the record's evidence edges.</summary>
    public static string WriteKeys(IReadOnlyList<ObservedIdentifier> identifiers)
    {
        var json = Begin('[');
        foreach (var identifier in identifiers)
        {
            Separate(json);
            json.Append('[');
            Quote(json, identifier.Key.Type);
            json.Append(',');
            Quote(json, identifier.Key.Value);
            json.Append(']');
        }

        return End(json, ']');
    }

    /// <summary>Traits as <c>{"name":["value","source",ticks],…}</c>.</summary>
    public static string? WriteTraits(IReadOnlyDictionary<string, TraitValue> traits)
    {
        if (traits.Count == 0)
        {
            return null;
        }

        var json = Begin('{');
        foreach (var (name, trait) in traits)
        {
            Separate(json);
            Quote(json, name);
            json.Append(":[");
            Quote(json, trait.Value);
            json.Append(',');
            Quote(json, trait.Source);
            json.Append(',').Append(trait.UpdatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)).Append(']');
        }

        return End(json, '}');
    }

    public static Dictionary<string, TraitValue> ReadTraits(string? json)
    {
        var traits = new Dictionary<string, TraitValue>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(json))
        {
            return traits;
        }

        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read(); // [
            reader.Read();
            var value = reader.GetString() ?? string.Empty;
            reader.Read();
            var source = reader.GetString() ?? string.Empty;
            reader.Read();
            var ticks = reader.GetInt64();
            reader.Read(); // ]
            traits[name] = new TraitValue(value, source, StoredTime.FromTicks(ticks));
        }

        return traits;
    }

    // The writer serializes on one thread at a time; the builder is reused to keep the hot path
    // allocation-free apart from the resulting string.
    [ThreadStatic]
    private static StringBuilder? t_builder;

    private static StringBuilder Begin(char open)
    {
        var json = t_builder ??= new StringBuilder(256);
        json.Clear();
        return json.Append(open);
    }

    private static string End(StringBuilder json, char close)
    {
        json.Append(close);
        var text = json.ToString();
        if (json.Capacity > 16 * 1024)
        {
            t_builder = null;
        }

        return text;
    }

    private static void Separate(StringBuilder json)
    {
        if (json.Length > 1)
        {
            json.Append(',');
        }
    }

    /// <summary>Appends a JSON string literal: quotes, backslashes and control characters escaped.</summary>
    private static void Quote(StringBuilder json, string value)
    {
        json.Append('"');
        var clean = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c >= ' ' && c != '"' && c != '\\')
            {
                continue;
            }

            json.Append(value, clean, i - clean);
            switch (c)
            {
                case '"': json.Append("\\\""); break;
                case '\\': json.Append("\\\\"); break;
                case '\n': json.Append("\\n"); break;
                case '\r': json.Append("\\r"); break;
                case '\t': json.Append("\\t"); break;
                default: json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
            }

            clean = i + 1;
        }

        json.Append(value, clean, value.Length - clean).Append('"');
    }
}

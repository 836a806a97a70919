using System.Buffers;
using System.Text;
using System.Text.Json;
using ProfileHub.Core.Identity;
using ProfileHub.Core.Profiles;

namespace ProfileHub.Storage.Sqlite;

/// <summary>
/// The small JSON documents stored in text columns, written with <see cref="Utf8JsonWriter"/> and
/// read with <see cref="Utf8JsonReader"/> (no reflection on the write path).
/// </summary>
internal static class StoredJson
{
    public static string? WriteMap(IReadOnlyDictionary<string, string> map)
    {
        if (map.Count == 0)
        {
            return null;
        }

        return Write(map, static (writer, m) =>
        {
            writer.WriteStartObject();
            foreach (var (key, value) in m)
            {
                writer.WriteString(key, value);
            }

            writer.WriteEndObject();
        });
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

    public static string WriteStrings(IEnumerable<string> values) => Write(values, static (writer, list) =>
    {
        writer.WriteStartArray();
        foreach (var value in list)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    });

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
    public static string WriteKeys(IReadOnlyList<ObservedIdentifier> identifiers) => Write(identifiers, static (writer, list) =>
    {
        writer.WriteStartArray();
        foreach (var identifier in list)
        {
            writer.WriteStartArray();
            writer.WriteStringValue(identifier.Key.Type);
            writer.WriteStringValue(identifier.Key.Value);
            writer.WriteEndArray();
        }

        writer.WriteEndArray();
    });

    /// <summary>Traits as <c>{"name":["value","source",ticks],…}</c>.</summary>
    public static string? WriteTraits(IReadOnlyDictionary<string, TraitValue> traits)
    {
        if (traits.Count == 0)
        {
            return null;
        }

        return Write(traits, static (writer, map) =>
        {
            writer.WriteStartObject();
            foreach (var (name, trait) in map)
            {
                writer.WriteStartArray(name);
                writer.WriteStringValue(trait.Value);
                writer.WriteStringValue(trait.Source);
                writer.WriteNumberValue(trait.UpdatedAt.UtcTicks);
                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        });
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

    private static string Write<T>(T state, Action<Utf8JsonWriter, T> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer, state);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}

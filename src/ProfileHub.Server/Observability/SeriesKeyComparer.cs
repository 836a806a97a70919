using System.Globalization;

namespace ProfileHub.Server.Observability;

/// <summary>
/// Compares series keys (the strings <see cref="LabelSet.KeyOf"/> builds) with each other and with a
/// measurement's raw tags, so every measurement of an existing series — one per gRPC call and cache
/// lookup — finds it without allocating. Both sides hash the same character sequence.
/// </summary>
internal sealed class SeriesKeyComparer : IEqualityComparer<string>, IAlternateEqualityComparer<MeasurementTags, string>
{
    // Beyond this many tags the key string is built (and hashed) as before; no instrument here has that many.
    private const int MaxInlineTags = 8;
    private const uint FnvOffset = 2166136261;
    private const uint FnvPrime = 16777619;

    public static SeriesKeyComparer Instance { get; } = new();

    public bool Equals(string? x, string? y) => string.Equals(x, y, StringComparison.Ordinal);

    public int GetHashCode(string obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return (int)Hash(FnvOffset, obj);
    }

    public string Create(MeasurementTags alternate) => LabelSet.KeyOf(alternate.Tags);

    public bool Equals(MeasurementTags alternate, string other)
    {
        var tags = alternate.Tags;
        if (tags.Length > MaxInlineTags)
        {
            return string.Equals(LabelSet.KeyOf(tags), other, StringComparison.Ordinal);
        }

        Span<int> order = stackalloc int[tags.Length];
        SortByKey(tags, order);
        var rest = other.AsSpan();
        foreach (var index in order)
        {
            if (!Consume(ref rest, tags[index].Key) || !Consume(ref rest, "\u0001") || !Consume(ref rest, ValueText(tags[index].Value))
                || (tags.Length > 1 && !Consume(ref rest, "\u0002")))
            {
                return false;
            }
        }

        return rest.IsEmpty;
    }

    public int GetHashCode(MeasurementTags alternate)
    {
        var tags = alternate.Tags;
        if (tags.Length > MaxInlineTags)
        {
            return GetHashCode(LabelSet.KeyOf(tags));
        }

        Span<int> order = stackalloc int[tags.Length];
        SortByKey(tags, order);
        var hash = FnvOffset;
        foreach (var index in order)
        {
            hash = Hash(hash, tags[index].Key);
            hash = Hash(hash, "\u0001");
            hash = Hash(hash, ValueText(tags[index].Value));
            if (tags.Length > 1)
            {
                hash = Hash(hash, "\u0002");
            }
        }

        return (int)hash;
    }

    // Tag values are strings on every hot instrument; other types are formatted as the key builder does.
    private static string ValueText(object? value) => value as string ?? Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;

    private static bool Consume(ref ReadOnlySpan<char> rest, ReadOnlySpan<char> expected)
    {
        if (!rest.StartsWith(expected, StringComparison.Ordinal))
        {
            return false;
        }

        rest = rest[expected.Length..];
        return true;
    }

    private static uint Hash(uint hash, ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            hash = (hash ^ c) * FnvPrime;
        }

        return hash;
    }

    // Insertion sort of tag positions by key: the key builder sorts the same way (ordinal).
    private static void SortByKey(ReadOnlySpan<KeyValuePair<string, object?>> tags, Span<int> order)
    {
        for (var i = 0; i < order.Length; i++)
        {
            var j = i;
            while (j > 0 && string.CompareOrdinal(tags[order[j - 1]].Key, tags[i].Key) > 0)
            {
                order[j] = order[j - 1];
                j--;
            }

            order[j] = i;
        }
    }
}

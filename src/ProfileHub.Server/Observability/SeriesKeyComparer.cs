using System.Globalization;

namespace ProfileHub.Server.Observability;

/// <summary>
/// Compares series keys (the strings <see cref="LabelSet.KeyOf"/> builds) with each other and with a
/// measurement's raw tags, so every measurement of an existing series — one per gRPC call and cache
/// lookup — finds it without allocating or sorting. A key is hashed as the sum of the hashes of its
/// (name, value) pairs, so the tags' order does not matter. Tags whose text contains the key's
/// separators cannot be told apart from a key; they simply miss here and take the key-string path.
/// </summary>
internal sealed class SeriesKeyComparer : IEqualityComparer<string>, IAlternateEqualityComparer<MeasurementTags, string>
{
    // Beyond this many tags the key string is built (and hashed) as before; no instrument here has that many.
    private const int MaxInlineTags = 8;
    private const char NameEnd = '\u0001';
    private const char PairEnd = '\u0002';

    public static SeriesKeyComparer Instance { get; } = new();

    public bool Equals(string? x, string? y) => string.Equals(x, y, StringComparison.Ordinal);

    public int GetHashCode(string obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var hash = 0;
        var count = 0;
        var rest = obj.AsSpan();
        while (NextPair(ref rest, out var name, out var value))
        {
            hash += PairHash(name, value);
            count++;
        }

        return HashCode.Combine(hash, count);
    }

    public string Create(MeasurementTags alternate) => LabelSet.KeyOf(alternate.Tags);

    public bool Equals(MeasurementTags alternate, string other)
    {
        var tags = alternate.Tags;
        if (tags.Length > MaxInlineTags)
        {
            return string.Equals(LabelSet.KeyOf(tags), other, StringComparison.Ordinal);
        }

        if (tags.Length == 0)
        {
            return other.Length == 0;
        }

        // Each pair of the key must match a tag not matched yet, and every tag must be matched.
        var matched = 0;
        var pairs = 0;
        var rest = other.AsSpan();
        while (NextPair(ref rest, out var name, out var value))
        {
            var found = -1;
            for (var i = 0; i < tags.Length && found < 0; i++)
            {
                if ((matched & (1 << i)) == 0 && name.SequenceEqual(tags[i].Key) && value.SequenceEqual(ValueText(tags[i].Value)))
                {
                    found = i;
                }
            }

            if (found < 0)
            {
                return false;
            }

            matched |= 1 << found;
            pairs++;
        }

        return pairs == tags.Length && (tags.Length != 1 || other.Length == tags[0].Key.Length + 1 + ValueText(tags[0].Value).Length);
    }

    public int GetHashCode(MeasurementTags alternate)
    {
        var tags = alternate.Tags;
        if (tags.Length > MaxInlineTags)
        {
            return GetHashCode(LabelSet.KeyOf(tags));
        }

        var hash = 0;
        foreach (var tag in tags)
        {
            hash += PairHash(tag.Key, ValueText(tag.Value));
        }

        return HashCode.Combine(hash, tags.Length);
    }

    // Tag values are strings on every hot instrument; other types are formatted as the key builder does.
    private static string ValueText(object? value) => value as string ?? Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;

    private static int PairHash(ReadOnlySpan<char> name, ReadOnlySpan<char> value) =>
        HashCode.Combine(string.GetHashCode(name, StringComparison.Ordinal), string.GetHashCode(value, StringComparison.Ordinal));

    // Key layout: "" for no tags, "name\u0001value" for one, "name\u0001value\u0002" per tag for several.
    private static bool NextPair(ref ReadOnlySpan<char> rest, out ReadOnlySpan<char> name, out ReadOnlySpan<char> value)
    {
        name = value = default;
        var nameEnd = rest.IndexOf(NameEnd);
        if (nameEnd < 0)
        {
            return false;
        }

        name = rest[..nameEnd];
        rest = rest[(nameEnd + 1)..];
        var pairEnd = rest.IndexOf(PairEnd);
        value = pairEnd < 0 ? rest : rest[..pairEnd];
        rest = pairEnd < 0 ? [] : rest[(pairEnd + 1)..];
        return true;
    }
}

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
    private const int FormattedValueChars = 64;

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
        var lastValueLength = 0;
        var rest = other.AsSpan();
        while (NextPair(ref rest, out var name, out var value))
        {
            // Keys list their pairs sorted by tag name, and the hot instruments (gRPC calls, Kestrel's
            // per-request ones) pass their tags already in that order: try the pair's own position first.
            var found = pairs < tags.Length && (matched & (1 << pairs)) == 0 && Matches(tags[pairs], name, value) ? pairs : -1;
            for (var i = 0; i < tags.Length && found < 0; i++)
            {
                if ((matched & (1 << i)) == 0 && Matches(tags[i], name, value))
                {
                    found = i;
                }
            }

            if (found < 0)
            {
                return false;
            }

            matched |= 1 << found;
            lastValueLength = value.Length;
            pairs++;
        }

        return pairs == tags.Length && (tags.Length != 1 || other.Length == tags[0].Key.Length + 1 + lastValueLength);
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
            hash += tag.Value is string text ? PairHash(tag.Key, text) : FormattedPairHash(tag.Key, tag.Value);
        }

        return HashCode.Combine(hash, tags.Length);
    }

    private static bool Matches(KeyValuePair<string, object?> tag, ReadOnlySpan<char> name, ReadOnlySpan<char> value) =>
        name.SequenceEqual(tag.Key) && (tag.Value is string text ? value.SequenceEqual(text) : MatchesFormatted(tag.Value, value));

    // Apart, so the (zeroed) stack buffer is only taken for the few tags that are not strings.
    private static bool MatchesFormatted(object? tagValue, ReadOnlySpan<char> value)
    {
        Span<char> buffer = stackalloc char[FormattedValueChars];
        return value.SequenceEqual(ValueSpan(tagValue, buffer));
    }

    private static int FormattedPairHash(string name, object? value)
    {
        Span<char> buffer = stackalloc char[FormattedValueChars];
        return PairHash(name, ValueSpan(value, buffer));
    }

    // Tag values are formatted as the key builder does (Convert.ToString, invariant culture). Numbers
    // (Kestrel's server.port on every request) are formatted into the caller's stack buffer, so a
    // measurement allocates nothing; the text is the same because both use the type's default format.
    private static ReadOnlySpan<char> ValueSpan(object? value, Span<char> buffer) => value switch
    {
        string text => text,
        ISpanFormattable formattable when formattable.TryFormat(buffer, out var written, default, CultureInfo.InvariantCulture) => buffer[..written],
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

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

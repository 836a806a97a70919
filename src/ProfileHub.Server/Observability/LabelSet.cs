using System.Text;

namespace ProfileHub.Server.Observability;

/// <summary>A measurement's tags as sorted, sanitized Prometheus labels with a key for series lookup.</summary>
internal sealed class LabelSet
{
    public static readonly LabelSet Empty = new(string.Empty, []);

    private LabelSet(string key, KeyValuePair<string, string>[] labels)
    {
        Key = key;
        Labels = labels;
    }

    public string Key { get; }

    public IReadOnlyList<KeyValuePair<string, string>> Labels { get; }

    /// <summary>The lookup key without building the label set (the hot path when the series exists).</summary>
    public static string KeyOf(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length == 0)
        {
            return string.Empty;
        }

        if (tags.Length == 1)
        {
            return string.Concat(tags[0].Key, "\u0001", Convert.ToString(tags[0].Value, System.Globalization.CultureInfo.InvariantCulture));
        }

        var sorted = tags.ToArray();
        Array.Sort(sorted, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var key = new StringBuilder();
        foreach (var tag in sorted)
        {
            key.Append(tag.Key).Append('\u0001').Append(Convert.ToString(tag.Value, System.Globalization.CultureInfo.InvariantCulture)).Append('\u0002');
        }

        return key.ToString();
    }

    public static LabelSet From(string key, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = new KeyValuePair<string, string>[tags.Length];
        for (var i = 0; i < tags.Length; i++)
        {
            labels[i] = new(PrometheusNames.Label(tags[i].Key), Convert.ToString(tags[i].Value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty);
        }

        Array.Sort(labels, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        return new LabelSet(key, labels);
    }
}

using ProfileHub.Core.Ingest;
using ProfileHub.Core.Profiles;

namespace ProfileHub.Core.Traits;

/// <summary>
/// Reconciles trait values per trait: a value from a higher-priority source wins; between equal
/// priorities the later event time wins; on a full tie the current value stays. The rule is a total
/// order on (priority, time), so for distinct times the result does not depend on arrival order.
/// </summary>
public sealed class TraitReconciler
{
    private readonly Dictionary<string, int> rankBySource;

    /// <summary>Creates a reconciler with the source order of <paramref name="settings"/>.</summary>
    public TraitReconciler(TraitSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        IReadOnlyList<string> order = settings.SourcePriority is { Count: > 0 } ? settings.SourcePriority : TraitSettings.DefaultSourcePriority;
        rankBySource = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < order.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(order[i]))
                throw new ArgumentException($"{TraitSettings.SectionName}:SourcePriority:{i}: empty source name", nameof(settings));
            rankBySource.TryAdd(order[i].Trim(), i);
        }
    }

    /// <summary>Applies the traits of <paramref name="record"/> to <paramref name="current"/>.</summary>
    public TraitReconciliation Apply(IReadOnlyDictionary<string, TraitValue> current, NormalizedRecord record)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(record);
        var incoming = record.Traits.Select(t => KeyValuePair.Create(t.Key, new TraitValue(t.Value, record.Source, record.OccurredAt)));
        return Combine(current, incoming);
    }

    /// <summary>
    /// Traits of a profile made by merging <paramref name="survivor"/> and <paramref name="absorbed"/>;
    /// changed names are relative to <paramref name="survivor"/>.
    /// </summary>
    public TraitReconciliation Merge(IReadOnlyDictionary<string, TraitValue> survivor, IReadOnlyDictionary<string, TraitValue> absorbed)
    {
        ArgumentNullException.ThrowIfNull(survivor);
        ArgumentNullException.ThrowIfNull(absorbed);
        return Combine(survivor, absorbed);
    }

    /// <summary>True when <paramref name="candidate"/> replaces <paramref name="current"/>.</summary>
    public bool Replaces(TraitValue candidate, TraitValue current)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(current);
        var byRank = RankOf(current.Source).CompareTo(RankOf(candidate.Source));
        return byRank != 0 ? byRank > 0 : candidate.UpdatedAt > current.UpdatedAt;
    }

    private TraitReconciliation Combine(IReadOnlyDictionary<string, TraitValue> current, IEnumerable<KeyValuePair<string, TraitValue>> incoming)
    {
        Dictionary<string, TraitValue>? result = null;
        var changed = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (name, candidate) in incoming)
        {
            var existing = result is not null ? result.GetValueOrDefault(name) : current.GetValueOrDefault(name);
            if (existing is not null && (!Replaces(candidate, existing) || existing == candidate))
                continue;
            result ??= new Dictionary<string, TraitValue>(current, StringComparer.Ordinal);
            result[name] = candidate;
            changed.Add(name);
        }

        return new TraitReconciliation(result ?? current, changed.ToList());
    }

    // Unlisted sources share the lowest rank, after every listed one.
    private int RankOf(string source) => rankBySource.TryGetValue(source ?? string.Empty, out var rank) ? rank : int.MaxValue;
}

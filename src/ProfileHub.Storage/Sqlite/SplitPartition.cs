using ProfileHub.Core.Admin;
using ProfileHub.Core.Identity;

namespace ProfileHub.Storage.Sqlite;

/// <summary>
/// How a split re-partitions a profile: the connected components of its remaining evidence (the
/// component holding the oldest identifier first, so it keeps the profile id), which component
/// each identifier and record falls in. Shared by both store dialects so they split identically.
/// </summary>
internal sealed class SplitPartition
{
    private SplitPartition(List<List<IdentifierKey>> components, Dictionary<IdentifierKey, int> componentOf, Dictionary<RecordEvidenceRow, int> recordComponent, Dictionary<IdentifierKey, long> firstSeen)
    {
        FirstSeen = firstSeen;
        Components = components;
        ComponentOf = componentOf;
        RecordComponent = recordComponent;
    }

    /// <summary>Components in order; index 0 keeps the original profile id.</summary>
    public List<List<IdentifierKey>> Components { get; }

    /// <summary>Component index of every identifier (shared ones included).</summary>
    public Dictionary<IdentifierKey, int> ComponentOf { get; }

    /// <summary>When each identifier was first seen (storage ticks).</summary>
    public Dictionary<IdentifierKey, long> FirstSeen { get; }

    /// <summary>Component index of every record.</summary>
    public Dictionary<RecordEvidenceRow, int> RecordComponent { get; }

    public static SplitPartition Compute(IReadOnlyList<ProfileIdentifierRow> identifiers, IReadOnlyList<RecordEvidenceRow> records, IReadOnlyList<EvidenceHyperedge> manualLinks)
    {
        var graph = EvidenceRows.Graph(identifiers, records, manualLinks);
        var firstSeen = identifiers.ToDictionary(i => i.Key, i => i.FirstSeen);
        var components = graph.Components().Select(c => c.ToList()).ToList()
            .OrderBy(c => c.Min(n => firstSeen[n]))
            .ThenBy(c => c[0].Type, StringComparer.Ordinal)
            .ThenBy(c => c[0].Value, StringComparer.Ordinal)
            .ToList();

        var componentOf = new Dictionary<IdentifierKey, int>();
        for (var i = 0; i < components.Count; i++)
        {
            foreach (var node in components[i])
            {
                componentOf[node] = i;
            }
        }

        // Shared (non-linking) identifiers follow the latest record that put them with a linking one.
        foreach (var shared in identifiers.Where(i => i.Shared != 0).Select(i => i.Key))
        {
            var home = records.Where(r => r.Dropped is null).Reverse()
                .Select(r => EvidenceRows.Keys(r.IdentifiersJson))
                .Where(keys => keys.Contains(shared))
                .SelectMany(keys => keys)
                .Where(k => graph.IsLinking(k) && componentOf.ContainsKey(k))
                .Select(k => (int?)componentOf[k])
                .FirstOrDefault();
            componentOf[shared] = home ?? 0;
        }

        var recordComponent = new Dictionary<RecordEvidenceRow, int>();
        foreach (var record in records)
        {
            var keys = EvidenceRows.Keys(record.IdentifiersJson);
            var linking = keys.Where(k => componentOf.ContainsKey(k) && graph.IsLinking(k)).Select(k => componentOf[k]).ToList();
            var any = keys.Where(componentOf.ContainsKey).Select(k => componentOf[k]).ToList();
            recordComponent[record] = linking.Count > 0 ? linking.Min() : any.Count > 0 ? any.Min() : 0;
        }

        return new SplitPartition(components, componentOf, recordComponent, firstSeen);
    }
}

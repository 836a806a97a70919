using ProfileHub.Core.Identity;

namespace ProfileHub.Core.Admin;

/// <summary>
/// The identity graph of one profile: identifiers are nodes, evidence is hyperedges. Answers the
/// questions an operator asks of it — which evidence touches an identifier, what chain of evidence
/// joins two identifiers, and which groups of identifiers are still connected after evidence is
/// removed. Non-linking identifiers (shared devices, quarantined identifiers) are nodes that evidence
/// reaches but never passes through. Deterministic: same input, same answers.
/// </summary>
public sealed class EvidenceGraph
{
    private readonly List<IdentifierKey> _nodes;
    private readonly HashSet<IdentifierKey> _linking;
    private readonly List<EvidenceHyperedge> _edges;
    private readonly Dictionary<IdentifierKey, List<int>> _incidence = [];

    /// <summary>Builds the graph; evidence members that are not <paramref name="nodes"/> are ignored.</summary>
    /// <param name="nodes">The profile's identifiers.</param>
    /// <param name="nonLinking">Identifiers that evidence reaches but does not pass through.</param>
    /// <param name="evidence">The evidence, in any order (kept oldest first).</param>
    public EvidenceGraph(IEnumerable<IdentifierKey> nodes, IEnumerable<IdentifierKey> nonLinking, IEnumerable<EvidenceHyperedge> evidence)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(nonLinking);
        ArgumentNullException.ThrowIfNull(evidence);
        _nodes = nodes.Distinct().OrderBy(n => n.Type, StringComparer.Ordinal).ThenBy(n => n.Value, StringComparer.Ordinal).ToList();
        foreach (var node in _nodes)
        {
            _incidence[node] = [];
        }

        var blocked = nonLinking.ToHashSet();
        _linking = _nodes.Where(n => !blocked.Contains(n)).ToHashSet();
        _edges = evidence
            .OrderBy(e => e.At)
            .ThenBy(e => e.Source, StringComparer.Ordinal)
            .ThenBy(e => e.RecordId, StringComparer.Ordinal)
            .Select(e => e with { Identifiers = e.Identifiers.Where(_incidence.ContainsKey).Distinct().ToList() })
            .Where(e => e.Identifiers.Count > 0)
            .ToList();
        for (var i = 0; i < _edges.Count; i++)
        {
            foreach (var node in _edges[i].Identifiers)
            {
                _incidence[node].Add(i);
            }
        }
    }

    /// <summary>The nodes, ordered by type then value.</summary>
    public IReadOnlyList<IdentifierKey> Nodes => _nodes;

    /// <summary>The evidence restricted to the nodes, oldest first.</summary>
    public IReadOnlyList<EvidenceHyperedge> Evidence => _edges;

    /// <summary>True when <paramref name="node"/> links (is not shared or quarantined).</summary>
    public bool IsLinking(IdentifierKey node) => _linking.Contains(node);

    /// <summary>Every pairwise edge between <paramref name="node"/> and another node that evidence put it together with, oldest first.</summary>
    public IReadOnlyList<EvidenceEdge> EdgesOf(IdentifierKey node)
    {
        if (!_incidence.TryGetValue(node, out var incident))
        {
            return [];
        }

        var edges = new List<EvidenceEdge>();
        foreach (var index in incident)
        {
            var evidence = _edges[index];
            foreach (var other in evidence.Identifiers)
            {
                if (other != node)
                {
                    edges.Add(new EvidenceEdge(evidence.Source, evidence.RecordId, evidence.At, evidence.Rule, node, other));
                }
            }
        }

        return edges;
    }

    /// <summary>
    /// The shortest chain of evidence from <paramref name="from"/> to <paramref name="to"/> (fewest
    /// hops; ties broken by older evidence first), or null when they are not connected or not nodes.
    /// An empty chain when both are the same node.
    /// </summary>
    public IReadOnlyList<EvidenceEdge>? Path(IdentifierKey from, IdentifierKey to)
    {
        if (!_incidence.ContainsKey(from) || !_incidence.ContainsKey(to))
        {
            return null;
        }

        if (from == to)
        {
            return [];
        }

        var reachedBy = new Dictionary<IdentifierKey, (IdentifierKey Previous, int Edge)> { [from] = (from, -1) };
        var queue = new Queue<IdentifierKey>();
        queue.Enqueue(from);
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            if (node != from && !_linking.Contains(node))
            {
                continue;
            }

            foreach (var index in _incidence[node])
            {
                foreach (var next in _edges[index].Identifiers)
                {
                    if (reachedBy.ContainsKey(next))
                    {
                        continue;
                    }

                    reachedBy[next] = (node, index);
                    if (next == to)
                    {
                        return Unwind(reachedBy, from, to);
                    }

                    queue.Enqueue(next);
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The connected components of the linking nodes (non-linking nodes are left out), each ordered
    /// like <see cref="Nodes"/>; components are ordered by their first node.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<IdentifierKey>> Components()
    {
        var component = new Dictionary<IdentifierKey, int>();
        var components = new List<IReadOnlyList<IdentifierKey>>();
        foreach (var start in _nodes)
        {
            if (!_linking.Contains(start) || component.ContainsKey(start))
            {
                continue;
            }

            var members = new List<IdentifierKey>();
            var queue = new Queue<IdentifierKey>();
            component[start] = components.Count;
            queue.Enqueue(start);
            while (queue.Count > 0)
            {
                var node = queue.Dequeue();
                members.Add(node);
                foreach (var index in _incidence[node])
                {
                    foreach (var next in _edges[index].Identifiers)
                    {
                        if (_linking.Contains(next) && component.TryAdd(next, components.Count))
                        {
                            queue.Enqueue(next);
                        }
                    }
                }
            }

            members.Sort((a, b) =>
            {
                var byType = string.CompareOrdinal(a.Type, b.Type);
                return byType != 0 ? byType : string.CompareOrdinal(a.Value, b.Value);
            });
            components.Add(members);
        }

        return components;
    }

    private List<EvidenceEdge> Unwind(Dictionary<IdentifierKey, (IdentifierKey Previous, int Edge)> reachedBy, IdentifierKey from, IdentifierKey to)
    {
        var steps = new List<EvidenceEdge>();
        var node = to;
        while (node != from)
        {
            var (previous, index) = reachedBy[node];
            var evidence = _edges[index];
            steps.Add(new EvidenceEdge(evidence.Source, evidence.RecordId, evidence.At, evidence.Rule, previous, node));
            node = previous;
        }

        steps.Reverse();
        return steps;
    }
}

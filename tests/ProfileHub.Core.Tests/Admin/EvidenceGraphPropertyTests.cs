using FsCheck;
using FsCheck.Fluent;
using ProfileHub.Core.Admin;
using ProfileHub.Core.Identity;

namespace ProfileHub.Core.Tests.Admin;

/// <summary>The split algorithm against a plain reference: BFS over an adjacency list built from the same hyperedges.</summary>
public sealed class EvidenceGraphPropertyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static IdentifierKey Node(int i) => new("email", "n" + i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>A random connected graph: a random spanning tree over n nodes plus random extra hyperedges.</summary>
    private static Gen<(int Nodes, int[][] Edges)> ConnectedGraphs =>
        from n in Gen.Choose(2, 14)
        from parents in Gen.ArrayOf(Gen.Choose(0, 1_000), n - 1)
        from extra in Gen.ListOf(Gen.ArrayOf(Gen.Choose(0, n - 1), 3))
        select (n, parents.Select((p, i) => new[] { i + 1, p % (i + 1) }).Concat(extra.Take(6).Select(e => e.Distinct().ToArray())).ToArray());

    [Fact]
    public void Removing_one_node_from_a_connected_graph_leaves_the_components_a_reference_bfs_finds()
    {
        var property = Prop.ForAll(
            Arb.From(from graph in ConnectedGraphs from removed in Gen.Choose(0, graph.Nodes - 1) select (graph, removed)),
            input =>
            {
                var ((n, edges), removed) = input;
                var remaining = Enumerable.Range(0, n).Where(i => i != removed).ToList();
                var hyperedges = edges.Select((e, i) => new EvidenceHyperedge("web", "r" + i, T0.AddMinutes(i), EvidenceRules.CoObserved, e.Select(Node).ToList()));
                var graph = new EvidenceGraph(remaining.Select(Node), [], hyperedges);

                var actual = graph.Components().Select(c => c.Select(k => k.Value).Order(StringComparer.Ordinal).ToArray()).OrderBy(c => c[0], StringComparer.Ordinal).ToList();
                var expected = ReferenceComponents(remaining, edges.Select(e => e.Where(x => x != removed).ToArray()).ToList())
                    .Select(c => c.Select(i => Node(i).Value).Order(StringComparer.Ordinal).ToArray()).OrderBy(c => c[0], StringComparer.Ordinal).ToList();

                var pathsAgree = remaining.All(a => remaining.All(b =>
                    (graph.Path(Node(a), Node(b)) is not null) == expected.Any(c => c.Contains(Node(a).Value) && c.Contains(Node(b).Value))));
                return actual.Count == expected.Count && actual.Zip(expected).All(pair => pair.First.SequenceEqual(pair.Second)) && pathsAgree;
            });
        property.QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Every_path_step_is_real_evidence_and_the_steps_chain_from_start_to_end()
    {
        Prop.ForAll(
            Arb.From(from graph in ConnectedGraphs from a in Gen.Choose(0, 13) from b in Gen.Choose(0, 13) select (graph, a, b)),
            input =>
            {
                var ((n, edges), a, b) = input;
                var hyperedges = edges.Select((e, i) => new EvidenceHyperedge("web", "r" + i, T0.AddMinutes(i), EvidenceRules.CoObserved, e.Select(Node).ToList())).ToList();
                var graph = new EvidenceGraph(Enumerable.Range(0, n).Select(Node), [], hyperedges);
                var from = Node(a % n);
                var to = Node(b % n);
                var path = graph.Path(from, to);
                if (path is null)
                {
                    return false; // the generated graphs are connected
                }

                var at = from;
                foreach (var step in path)
                {
                    var evidence = hyperedges.Single(h => h.RecordId == step.RecordId);
                    if (step.A != at || !evidence.Identifiers.Contains(step.A) || !evidence.Identifiers.Contains(step.B))
                    {
                        return false;
                    }

                    at = step.B;
                }

                return at == to;
            }).QuickCheckThrowOnFailure();
    }

    private static List<List<int>> ReferenceComponents(List<int> nodes, List<int[]> edges)
    {
        var adjacency = nodes.ToDictionary(n => n, _ => new HashSet<int>());
        foreach (var edge in edges)
        {
            foreach (var x in edge)
            {
                foreach (var y in edge)
                {
                    if (x != y && adjacency.TryGetValue(x, out var neighbours) && adjacency.ContainsKey(y))
                    {
                        neighbours.Add(y);
                    }
                }
            }
        }

        var seen = new HashSet<int>();
        var components = new List<List<int>>();
        foreach (var start in nodes)
        {
            if (!seen.Add(start))
            {
                continue;
            }

            var component = new List<int>();
            var queue = new Queue<int>([start]);
            while (queue.Count > 0)
            {
                var node = queue.Dequeue();
                component.Add(node);
                foreach (var next in adjacency[node].Where(seen.Add))
                {
                    queue.Enqueue(next);
                }
            }

            components.Add(component);
        }

        return components;
    }
}

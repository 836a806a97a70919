using ProfileHub.Core.Admin;
using ProfileHub.Core.Identity;

namespace ProfileHub.Core.Tests.Admin;

public sealed class EvidenceGraphTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly IdentifierKey Crm = new("crm_id", "C1");
    private static readonly IdentifierKey Email = new("email", "a@x.io");
    private static readonly IdentifierKey Phone = new("phone", "+14155550100");
    private static readonly IdentifierKey Device = new("device_id", "d1");
    private static readonly IdentifierKey Other = new("email", "b@x.io");

    private static EvidenceHyperedge Record(string id, int minutes, params IdentifierKey[] keys) =>
        new("web", id, T0.AddMinutes(minutes), EvidenceRules.CoObserved, keys);

    [Fact]
    public void A_record_links_every_pair_of_its_identifiers()
    {
        var graph = new EvidenceGraph([Crm, Email, Phone], [], [Record("r1", 0, Crm, Email, Phone)]);

        var edges = graph.EdgesOf(Email);

        Assert.Equal([Crm, Phone], edges.Select(e => e.B).Order(Comparer<IdentifierKey>.Create((a, b) => string.CompareOrdinal(a.ToString(), b.ToString()))));
        Assert.All(edges, e => Assert.Equal(("r1", EvidenceRules.CoObserved, Email), (e.RecordId, e.Rule, e.A)));
    }

    [Fact]
    public void The_path_is_the_shortest_chain_of_records_and_prefers_older_evidence()
    {
        var graph = new EvidenceGraph(
            [Crm, Email, Phone, Other],
            [],
            [Record("late", 9, Crm, Other), Record("r1", 0, Crm, Email), Record("r2", 1, Email, Phone), Record("r3", 2, Phone, Other), Record("early", 3, Crm, Other)]);

        var path = graph.Path(Crm, Other);

        Assert.Equal(["early"], path!.Select(s => s.RecordId));
        Assert.Equal(["r1", "r2"], graph.Path(Crm, Phone)!.Select(s => s.RecordId));
        Assert.Equal([Crm, Email], [graph.Path(Crm, Phone)![0].A, graph.Path(Crm, Phone)![0].B]);
        Assert.Empty(graph.Path(Crm, Crm)!);
    }

    [Fact]
    public void A_shared_device_is_reached_but_never_passed_through()
    {
        var graph = new EvidenceGraph([Email, Device, Other], [Device], [Record("r1", 0, Email, Device), Record("r2", 1, Device, Other)]);

        Assert.Null(graph.Path(Email, Other));
        Assert.Single(graph.Path(Email, Device)!);
        Assert.Single(graph.Path(Device, Other)!);
        Assert.Equal([[Email], [Other]], graph.Components());
        Assert.False(graph.IsLinking(Device));
    }

    [Fact]
    public void Evidence_about_identifiers_outside_the_profile_is_ignored()
    {
        var graph = new EvidenceGraph([Crm, Email], [], [Record("r1", 0, Crm, Phone), Record("r2", 1, Phone, Email)]);

        Assert.Null(graph.Path(Crm, Email));
        Assert.Equal(2, graph.Components().Count);
        Assert.Empty(graph.EdgesOf(Crm));
    }
}

using System.Diagnostics;
using ProfileHub.Core.Identity;
using ProfileHub.Core.Ingest;

namespace ProfileHub.Bench.Ingest;

/// <summary>
/// Stitching accuracy: runs generated records through the identity graph and through the naive
/// union-find in the same run, and scores both against the true persons.
/// </summary>
/// <remarks>
/// Scored items are the distinct normalized identifiers whose true owner is one person. Shared
/// devices and household emails belong to several people, so they have no single true cluster and
/// are left out of the scores (their effect on everyone else's identifiers is what is measured).
/// An identifier the graph never linked counts as a cluster of its own.
/// Two truths are scored. "person": all identifiers of a person form one cluster, including links
/// no record ever evidences (a device only ever used anonymously), which no resolver can find.
/// "linkable": a person's identifiers split into the connected components of that person's own
/// records' co-observations — the most any method can link from the data it is given.
/// </remarks>
public static class AccuracyCommand
{
    /// <summary>Runs the measurement.</summary>
    public static AccuracyReport Run(GeneratorOptions options)
    {
        var dataset = new RecordGenerator(options).Generate();
        var settings = new IdentitySettings();
        var catalog = IdentifierCatalog.Create(settings);
        var normalizer = new RecordNormalizer(catalog, new FrozenClock(options.Start + options.Span));
        var graph = new IdentityGraph(catalog, settings);
        var naive = new NaiveLinker();
        var linkable = new NaiveLinker();
        var owners = new Dictionary<IdentifierKey, int>();
        var ambiguous = new HashSet<IdentifierKey>();
        var rejected = 0;

        var normalized = new List<NormalizedRecord>(dataset.Records.Count);
        foreach (var generated in dataset.Records)
        {
            var result = normalizer.Normalize(generated.Record, "record");
            if (!result.IsValid)
            {
                rejected++;
                continue;
            }

            normalized.Add(result.Record);
            // Person-scoped nodes: evidence only links identifiers within the records of one person.
            var person = "#" + generated.PersonId.ToString(System.Globalization.CultureInfo.InvariantCulture);
            linkable.Link(result.Record.Identifiers.Select(i => new IdentifierKey(i.Key.Type + person, i.Key.Value)).ToList());
            foreach (var identifier in result.Record.Identifiers)
            {
                if (!owners.TryAdd(identifier.Key, generated.PersonId) && owners[identifier.Key] != generated.PersonId)
                    ambiguous.Add(identifier.Key);
            }
        }

        var clock = Stopwatch.StartNew();
        foreach (var record in normalized)
            graph.Ingest(record);
        clock.Stop();
        foreach (var record in normalized)
            naive.Link(record.Identifiers.Select(i => i.Key).ToList());

        var scored = owners.Where(o => !ambiguous.Contains(o.Key)).ToList();
        string Hub(IdentifierKey key) => graph.FindProfile(key) ?? "unlinked:" + key;
        IdentifierKey Linkable(IdentifierKey key, int person) =>
            linkable.Find(new IdentifierKey(key.Type + "#" + person.ToString(System.Globalization.CultureInfo.InvariantCulture), key.Value));
        var hub = PairwiseScore.Compute(scored.Select(o => (Predicted: Hub(o.Key), Truth: o.Value)));
        var baseline = PairwiseScore.Compute(scored.Select(o => (Predicted: naive.Find(o.Key), Truth: o.Value)));
        var hubLinkable = PairwiseScore.Compute(scored.Select(o => (Predicted: Hub(o.Key), Truth: Linkable(o.Key, o.Value))));
        var baselineLinkable = PairwiseScore.Compute(scored.Select(o => (Predicted: naive.Find(o.Key), Truth: Linkable(o.Key, o.Value))));
        var sharedDetected = owners.Keys.Count(graph.IsShared);

        return new AccuracyReport(
            dataset, normalized.Count, rejected, graph.ProfileCount, graph.MergedProfiles, graph.LimitConflicts, sharedDetected,
            scored.Count, ambiguous.Count, hub, baseline, hubLinkable, baselineLinkable, clock.Elapsed);
    }

    private sealed class FrozenClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

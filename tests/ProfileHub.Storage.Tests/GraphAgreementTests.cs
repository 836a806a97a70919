using FsCheck;
using FsCheck.Fluent;
using ProfileHub.Core.Ingest;
using ProfileHub.Core.Profiles;

namespace ProfileHub.Storage.Tests;

public sealed class GraphAgreementTests
{
    private static readonly string[] Types = ["crm_id", "user_id", "email", "device_id"];
    private static readonly int[] ValuesPerType = [3, 4, 6, 8];
    private static readonly string[] Events = ["page_viewed", "product_viewed", "cart_added", "purchase_completed"];

    [Fact]
    public void The_store_partitions_a_random_record_stream_exactly_as_the_in_memory_identity_graph()
    {
        var identifier = Gen.Choose(0, Types.Length - 1).SelectMany(type => Gen.Choose(0, ValuesPerType[type] - 1).Select(value => (type, value)));
        var record = Gen.Choose(1, 3)
            .SelectMany(count => Gen.ListOf(identifier, count))
            .SelectMany(ids => Gen.Choose(0, Events.Length - 1).Select(e => (Ids: ids.ToList(), Event: e)));
        var stream = Gen.Choose(5, 60).SelectMany(length => Gen.ListOf(record, length)).Select(list => list.ToList());
        var batchSize = Gen.Choose(1, 12);

        var property = Prop.ForAll(Arb.From(Gen.Zip(stream, batchSize)), input =>
            Task.Run(() => Agrees(input.Item1, input.Item2)).GetAwaiter().GetResult());

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(12), property);
    }

    private static string Value(int type, int value) => Types[type] == "email" ? $"p{value}@example.com" : $"{Types[type]}-{value}";

    private static async Task<bool> Agrees(List<(List<(int Type, int Value)> Ids, int Event)> stream, int batchSize)
    {
        await using var harness = new StoreHarness();
        var store = harness.Open();
        var graph = harness.NewGraph();
        var records = stream.Select((r, i) => harness.Record(
            "web",
            $"r{i % Math.Max(1, stream.Count - 3)}", // a few replays of earlier record ids
            Time.At(i),
            Events[r.Event],
            r.Ids.Select(id => (Types[id.Type], Value(id.Type, id.Value))).ToArray())).ToList();

        var expected = records.Select(graph.Ingest).ToList();
        var actual = new List<IngestResult>();
        foreach (var batch in records.Chunk(batchSize))
        {
            actual.AddRange(await store.IngestAsync(batch, CancellationToken.None));
        }

        Assert.Equal(expected.Select(r => (r.Outcome, r.ProfileId)), actual.Select(r => (r.Outcome, r.ProfileId)));
        foreach (var (profileId, identifiers) in graph.Profiles)
        {
            var snapshot = await store.GetProfileAsync(ProfileKey.ById(profileId), CancellationToken.None);
            Assert.NotNull(snapshot);
            Assert.Equal(profileId, snapshot.ProfileId);
            Assert.Equal(identifiers.Select(k => k.ToString()).Order(StringComparer.Ordinal), snapshot.Identifiers.Select(i => i.Key.ToString()).Order(StringComparer.Ordinal));
            Assert.All(snapshot.Identifiers, i => Assert.Equal(graph.IsShared(i.Key), i.Shared));
        }

        using var connection = harness.Connect();
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT count(*) FROM profiles";
        Assert.Equal((long)graph.ProfileCount, count.ExecuteScalar());
        return true;
    }
}

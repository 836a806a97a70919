using FsCheck;
using FsCheck.Fluent;
using ProfileHub.Core.Profiles;
using ProfileHub.Storage.Sqlite;

namespace ProfileHub.Storage.Tests;

public sealed class StoredJsonTests
{
    [Fact]
    public void Maps_with_any_text_round_trip_through_the_stored_json()
    {
        var text = ArbMap.Default.GeneratorFor<NonNull<string>>().Select(s => s.Get.Replace('\ud800', 'x').Replace('\udc00', 'y'));
        var maps = Gen.ListOf(Gen.Zip(text, text)).Select(pairs => pairs.DistinctBy(p => p.Item1).ToDictionary(p => p.Item1, p => p.Item2));

        Prop.ForAll(Arb.From(maps), map =>
        {
            var read = StoredJson.ReadMap(StoredJson.WriteMap(map));
            return map.Count == read.Count && map.All(kv => read.TryGetValue(kv.Key, out var value) && value == kv.Value);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Traits_keep_value_source_and_exact_time()
    {
        var traits = new Dictionary<string, TraitValue>
        {
            ["name"] = new("Zoë \"Z\" O'Neil\n\\", "crm", new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)).AddTicks(7)),
            ["plan"] = new("pro", "web", DateTimeOffset.UnixEpoch),
        };

        var read = StoredJson.ReadTraits(StoredJson.WriteTraits(traits));

        Assert.Equal(traits, read);
    }

    [Fact]
    public void Id_lists_round_trip_and_empty_maps_are_stored_as_null()
    {
        Assert.Equal(["a", "b\"c"], StoredJson.ReadStrings(StoredJson.WriteStrings(["a", "b\"c"])));
        Assert.Null(StoredJson.WriteMap(new Dictionary<string, string>()));
        Assert.Empty(StoredJson.ReadMap(null));
    }
}

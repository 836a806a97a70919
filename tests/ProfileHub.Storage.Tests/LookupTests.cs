using ProfileHub.Core.Identity;
using ProfileHub.Core.Ingest;
using ProfileHub.Core.Profiles;

namespace ProfileHub.Storage.Tests;

public sealed class LookupTests
{
    [Fact]
    public async Task An_ingested_record_is_found_by_profile_id_and_by_each_identifier()
    {
        await using var harness = new StoreHarness();
        var store = harness.Open();

        var results = await store.IngestAsync(
            [harness.Record("crm", "c-1", Time.At(0), null, new Dictionary<string, string> { ["name"] = "Ada" }, ("crm_id", "C1"), ("email", " Ada@Example.COM "))],
            CancellationToken.None);

        var created = Assert.Single(results);
        Assert.Equal(IngestOutcome.Created, created.Outcome);
        var profileId = created.ProfileId!;

        var byId = await store.GetProfileAsync(ProfileKey.ById(profileId), CancellationToken.None);
        var byEmail = await store.GetProfileAsync(ProfileKey.ByIdentifier(new IdentifierKey("email", "ada@example.com")), CancellationToken.None);
        Assert.NotNull(byId);
        Assert.Equal(profileId, byEmail!.ProfileId);
        Assert.Equal(2, byId.Identifiers.Count);
        var email = byId.Identifiers.Single(i => i.Key.Type == "email");
        Assert.Equal(" Ada@Example.COM ", email.RawValue);
        Assert.Equal(Time.At(0), email.FirstSeen);
        Assert.Equal("Ada", byId.Traits["name"].Value);
        Assert.Equal("crm", byId.Traits["name"].Source);
        Assert.Equal(Time.At(0), byId.CreatedAt);

        var stage = await store.GetStageAsync(ProfileKey.ByIdentifier(new IdentifierKey("crm_id", "C1")), CancellationToken.None);
        Assert.Equal(profileId, stage!.ProfileId);
        Assert.Null(stage.Stage);
        Assert.Equal(profileId, await store.ResolveProfileIdAsync(ProfileKey.ByIdentifier(new IdentifierKey("crm_id", "C1")), CancellationToken.None));
    }

    [Fact]
    public async Task Unknown_ids_and_identifiers_are_not_found()
    {
        await using var harness = new StoreHarness();
        var store = harness.Open();

        Assert.Null(await store.GetProfileAsync(ProfileKey.ById("nope"), CancellationToken.None));
        Assert.Null(await store.GetStageAsync(ProfileKey.ByIdentifier(new IdentifierKey("email", "x@y.z")), CancellationToken.None));
        Assert.Null(await store.ResolveProfileIdAsync(ProfileKey.ById("nope"), CancellationToken.None));
    }

    [Fact]
    public async Task Absorbed_ids_keep_resolving_to_the_survivor_in_one_hop_after_chained_merges()
    {
        await using var harness = new StoreHarness();
        var store = harness.Open();
        var oldest = await IngestOne(store, harness.Record("web", "r1", Time.At(0), "page_viewed", ("device_id", "d1")));
        var middle = await IngestOne(store, harness.Record("web", "r2", Time.At(1), "page_viewed", ("device_id", "d2")));
        var newest = await IngestOne(store, harness.Record("web", "r3", Time.At(2), "page_viewed", ("device_id", "d3")));

        var firstMerge = await IngestOne(store, harness.Record("web", "r4", Time.At(3), "page_viewed", ("device_id", "d2"), ("device_id", "d3")));
        Assert.Equal(IngestOutcome.Merged, firstMerge.Outcome);
        Assert.Equal(middle.ProfileId, firstMerge.ProfileId);
        Assert.Equal([newest.ProfileId!], firstMerge.MergedProfileIds);

        var secondMerge = await IngestOne(store, harness.Record("web", "r5", Time.At(4), "page_viewed", ("device_id", "d1"), ("device_id", "d3")));
        Assert.Equal(oldest.ProfileId, secondMerge.ProfileId);

        foreach (var id in new[] { oldest.ProfileId!, middle.ProfileId!, newest.ProfileId! })
        {
            Assert.Equal(oldest.ProfileId, await store.ResolveProfileIdAsync(ProfileKey.ById(id), CancellationToken.None));
            Assert.Equal(oldest.ProfileId, (await store.GetStageAsync(ProfileKey.ById(id), CancellationToken.None))!.ProfileId);
        }

        var profile = await store.GetProfileAsync(ProfileKey.ById(newest.ProfileId!), CancellationToken.None);
        Assert.Equal(oldest.ProfileId, profile!.ProfileId);
        Assert.Equal(3, profile.Identifiers.Count);
        Assert.Equal(new[] { middle.ProfileId!, newest.ProfileId! }.Order(StringComparer.Ordinal), profile.MergedProfileIds.Order(StringComparer.Ordinal));

        using var connection = harness.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM profile_aliases WHERE profile_id <> $p";
        command.Parameters.AddWithValue("$p", oldest.ProfileId);
        Assert.Equal(0L, command.ExecuteScalar());
    }

    [Fact]
    public async Task Reopening_the_file_keeps_profiles_aliases_stages_and_changes()
    {
        await using var harness = new StoreHarness();
        var store = harness.Open();
        var a = await IngestOne(store, harness.Record("web", "r1", Time.At(0), "ad_clicked", ("device_id", "d1")));
        await IngestOne(store, harness.Record("web", "r2", Time.At(1), "cart_added", ("device_id", "d2")));
        var merged = await IngestOne(store, harness.Record("web", "r3", Time.At(2), "page_viewed", ("device_id", "d1"), ("device_id", "d2"), ("user_id", "u1")));
        var before = await store.GetProfileAsync(ProfileKey.ById(a.ProfileId!), CancellationToken.None);
        var lastSequence = await store.GetLastChangeSequenceAsync(CancellationToken.None);
        var changes = await store.ListChangesAsync(0, 1_000, CancellationToken.None);
        await store.DisposeAsync();

        var reopened = harness.Open();
        var after = await reopened.GetProfileAsync(ProfileKey.ByIdentifier(new IdentifierKey("user_id", "u1")), CancellationToken.None);

        Assert.Equal(IngestOutcome.Merged, merged.Outcome);
        Assert.NotNull(after);
        Assert.Equal(before!.ProfileId, after.ProfileId);
        Assert.Equal(before.Identifiers, after.Identifiers);
        Assert.Equal(before.StageHistory, after.StageHistory);
        Assert.Equal(before.MergedProfileIds, after.MergedProfileIds);
        Assert.Equal(before.Stage, after.Stage);
        Assert.Equal("decision", after.Stage.Stage);
        Assert.Equal(lastSequence, await reopened.GetLastChangeSequenceAsync(CancellationToken.None));
        Assert.Equal(changes, await reopened.ListChangesAsync(0, 1_000, CancellationToken.None), new ChangeComparer());
        Assert.Equal(IngestOutcome.Duplicate, (await IngestOne(reopened, harness.Record("web", "r1", Time.At(0), "ad_clicked", ("device_id", "d1")))).Outcome);
    }

    internal static async Task<IngestResult> IngestOne(IProfileStore store, NormalizedRecord record) =>
        Assert.Single(await store.IngestAsync([record], CancellationToken.None));
}

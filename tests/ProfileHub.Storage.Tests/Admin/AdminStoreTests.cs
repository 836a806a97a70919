using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using ProfileHub.Core.Admin;
using ProfileHub.Core.Changes;
using ProfileHub.Core.Errors;
using ProfileHub.Core.Identity;
using ProfileHub.Core.Ingest;
using ProfileHub.Core.Journey;
using ProfileHub.Core.Profiles;
using ProfileHub.Core.Traits;
using ProfileHub.Storage.Sqlite;

namespace ProfileHub.Storage.Tests.Admin;

public sealed class AdminStoreTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static ProfileKey ByIdentifier(string type, string value) => ProfileKey.ByIdentifier(new IdentifierKey(type, value));

    [Fact]
    public async Task Merge_is_refused_when_two_crm_ids_would_meet_and_forced_merge_keeps_the_oldest_profile()
    {
        await using var harness = new StoreHarness();
        var store = harness.Open();
        var results = await store.IngestAsync(
            [
                harness.Record("crm", "c1", Time.At(0), null, new Dictionary<string, string> { ["name"] = "Ann" }, ("crm_id", "C1"), ("email", "ann@x.io")),
                harness.Record("crm", "c2", Time.At(1), "pricing_viewed", ("crm_id", "C2"), ("email", "ann@y.io")),
            ],
            None);

        var refused = await Assert.ThrowsAsync<IdentifierLimitException>(() =>
            store.MergeAsync(ByIdentifier("email", "ann@y.io"), ByIdentifier("email", "ann@x.io"), force: false, "ops", "duplicate customer", None));
        Assert.Equal("crm_id", refused.IdentifierType);

        var merged = await store.MergeAsync(ByIdentifier("email", "ann@y.io"), ByIdentifier("email", "ann@x.io"), force: true, "ops", "duplicate customer", None);

        Assert.Equal(results[0].ProfileId, merged.ProfileId);
        Assert.Equal([results[1].ProfileId!], merged.MergedProfileIds);
        Assert.Equal(4, merged.AffectedIdentifiers.Count);
        var profile = await store.GetProfileAsync(ProfileKey.ById(results[1].ProfileId!), None);
        Assert.Equal(results[0].ProfileId, profile!.ProfileId);
        Assert.Equal("Ann", profile.Traits["name"].Value);
        Assert.Equal(4, profile.Identifiers.Count);
        Assert.NotNull(profile.Stage.Stage);

        var changes = await store.ListChangesAsync(0, 100, None);
        var merge = Assert.Single(changes, c => c.Kind == ChangeKind.ProfileMerged);
        Assert.Equal([results[1].ProfileId!], merge.MergedProfileIds);
        Assert.Contains(changes, c => c.Kind == ChangeKind.StageChanged && c.ProfileId == results[0].ProfileId && c.Sequence > merge.Sequence);

        var audit = Assert.Single(await store.ListAuditAsync(0, 10, None));
        Assert.Equal(("ops", AdminActions.ForcedMerge, "duplicate customer"), (audit.Actor, audit.Action, audit.Reason));
        Assert.Equal([results[0].ProfileId!, results[1].ProfileId!], audit.ProfileIds);

        var explained = await store.ExplainAsync(ProfileKey.ById(merged.ProfileId), None);
        Assert.Contains(explained.Identifiers.SelectMany(i => i.Evidence), e => e.Rule == EvidenceRules.ManualMerge);
    }

    [Fact]
    public async Task Split_by_identifier_partitions_the_profile_and_recomputes_stages_and_survives_reopen()
    {
        await using var harness = new StoreHarness();
        var store = harness.Open();
        var first = await store.IngestAsync(
            [
                harness.Record("crm", "r1", Time.At(0), null, ("crm_id", "C1"), ("email", "a@x.io")),
                harness.Record("web", "r2", Time.At(1), "page_viewed", ("email", "a@x.io"), ("phone", "+14155550100")),
                harness.Record("web", "r3", Time.At(2), "pricing_viewed", ("phone", "+14155550100"), ("email", "b@x.io")),
                harness.Record("web", "r4", Time.At(3), "trial_started", ("email", "b@x.io")),
            ],
            None);
        var original = first[0].ProfileId!;
        Assert.All(first, r => Assert.Equal(original, r.ProfileId));

        var path = await store.ExplainPathAsync(ProfileKey.ById(original), new IdentifierKey("crm_id", "C1"), new IdentifierKey("email", "b@x.io"), None);
        Assert.True(path.Connected);
        Assert.Equal(["r1", "r2", "r3"], path.Steps.Select(s => s.RecordId));

        var split = await store.SplitAsync(ProfileKey.ById(original), SplitEvidence.ByIdentifier(new IdentifierKey("phone", "+14155550100")), "ops", "phone of a shop", None);

        Assert.Equal(original, split.ProfileId);
        var created = Assert.Single(split.NewProfileIds);
        Assert.Equal(ProfileIds.ForRecord("web", "r3"), created);
        await store.DisposeAsync();

        var reopened = harness.Open();
        var kept = await reopened.GetProfileAsync(ByIdentifier("crm_id", "C1"), None);
        var moved = await reopened.GetProfileAsync(ByIdentifier("email", "b@x.io"), None);
        Assert.Equal(original, kept!.ProfileId);
        Assert.Equal(created, moved!.ProfileId);
        Assert.Equal(["crm_id:C1", "email:a@x.io"], kept.Identifiers.Select(i => i.Key.ToString()));
        Assert.Null(await reopened.ResolveProfileIdAsync(ByIdentifier("phone", "+14155550100"), None));
        Assert.Equal("awareness", kept.Stage.Stage);
        Assert.NotEqual("awareness", moved.Stage.Stage);
        var changes = await reopened.ListChangesAsync(0, 200, None);
        var splitChange = Assert.Single(changes, c => c.Kind == ChangeKind.ProfileSplit);
        Assert.Equal([created], splitChange.SplitProfileIds);
        Assert.Contains(changes, c => c.Kind == ChangeKind.ProfileCreated && c.ProfileId == created);
        Assert.Contains(changes, c => c.Kind == ChangeKind.StageChanged && c.ProfileId == original && c.Sequence > splitChange.Sequence);

        var unlinked = await reopened.ExplainPathAsync(ProfileKey.ById(original), new IdentifierKey("crm_id", "C1"), new IdentifierKey("email", "a@x.io"), None);
        Assert.True(unlinked.Connected);

        // The unlinked identifier may link again later.
        var again = await reopened.IngestAsync([harness.Record("web", "r5", Time.At(4), "page_viewed", ("phone", "+14155550100"), ("email", "b@x.io"))], None);
        Assert.Equal(created, again[0].ProfileId);
    }

    [Fact]
    public async Task Split_by_record_drops_its_evidence_and_the_absorbed_id_comes_back()
    {
        await using var harness = new StoreHarness();
        var store = harness.Open();
        var results = await store.IngestAsync(
            [
                harness.Record("crm", "a1", Time.At(0), null, ("crm_id", "A"), ("email", "a@x.io")),
                harness.Record("crm", "b1", Time.At(1), "trial_started", ("email", "b@x.io")),
                harness.Record("support", "wrong", Time.At(2), null, ("email", "a@x.io"), ("phone", "+14155550100")),
                harness.Record("support", "wrong2", Time.At(3), null, ("phone", "+14155550100"), ("email", "c@x.io")),
                harness.Record("web", "b2", Time.At(4), null, ("email", "c@x.io"), ("email", "b@x.io")),
            ],
            None);
        var survivor = results[0].ProfileId!;
        Assert.Equal(IngestOutcome.Merged, results[4].Outcome);

        var split = await store.SplitAsync(ByIdentifier("crm_id", "A"), SplitEvidence.ByRecord("support", "wrong2"), "ops", "ticket merged two people", None);

        Assert.Equal(survivor, split.ProfileId);
        Assert.Equal([ProfileIds.ForRecord("crm", "b1")], split.NewProfileIds);
        Assert.Equal(results[1].ProfileId, split.NewProfileIds[0]);
        Assert.Equal(split.NewProfileIds[0], await store.ResolveProfileIdAsync(ProfileKey.ById(results[1].ProfileId!), None));
        Assert.Equal(survivor, await store.ResolveProfileIdAsync(ByIdentifier("phone", "+14155550100"), None));
        Assert.Equal(split.NewProfileIds[0], await store.ResolveProfileIdAsync(ByIdentifier("email", "c@x.io"), None));
        var b = await store.GetStageAsync(ByIdentifier("email", "b@x.io"), None);
        Assert.NotNull(b!.Stage);
        var a = await store.GetStageAsync(ByIdentifier("crm_id", "A"), None);
        Assert.Null(a!.Stage);
        var explain = await store.ExplainAsync(ProfileKey.ById(survivor), None);
        Assert.DoesNotContain(explain.Identifiers.SelectMany(i => i.Evidence), e => e.RecordId == "wrong2");
    }

    [Fact]
    public async Task Forget_erases_every_trace_and_later_records_with_its_identifiers_are_suppressed_after_reopen()
    {
        await using var harness = new StoreHarness();
        var store = harness.Open();
        var traits = new Dictionary<string, string> { ["name"] = "Zelda Quux" };
        var batch = new[]
        {
            harness.Record("crm", "z1", Time.At(0), null, traits, ("crm_id", "Z-1"), ("email", "zelda@quux.io")),
            harness.Record("web", "z2", Time.At(1), "signed_up", ("email", "zelda@quux.io"), ("device_id", "zdev")),
            harness.Record("crm", "other", Time.At(2), null, ("crm_id", "O-1"), ("email", "zelda@quux.io")),
        };
        var results = await store.IngestAsync(batch, None);
        var other = results[2].ProfileId!;
        Assert.NotEqual(results[0].ProfileId, other);

        var forgotten = await store.ForgetAsync(ByIdentifier("email", "zelda@quux.io"), "dpo", "erasure ticket 42", None);

        Assert.Equal(results[0].ProfileId, forgotten.ProfileId);
        Assert.Equal(3, forgotten.SuppressedIdentifiers);
        Assert.Null(await store.GetProfileAsync(ProfileKey.ById(forgotten.ProfileId), None));
        Assert.NotNull(await store.GetProfileAsync(ProfileKey.ById(other), None));
        var changes = await store.ListChangesAsync(0, 100, None);
        var tombstone = changes[^1];
        Assert.Equal((ChangeKind.ProfileForgotten, forgotten.ProfileId, null), (tombstone.Kind, tombstone.ProfileId, tombstone.CausedBy));
        await store.DisposeAsync();

        using (var connection = harness.Connect())
        {
            foreach (var secret in new[] { "Z-1", "zelda@quux.io", "zdev", "Zelda Quux" })
            {
                Assert.Empty(await TablesContainingAsync(connection, secret));
            }
        }

        var reopened = harness.Open();
        var replay = await reopened.IngestAsync([batch[0], harness.Record("web", "later", Time.At(9), "page_viewed", ("device_id", "zdev"))], None);
        Assert.All(replay, r => Assert.Equal(IngestOutcome.Suppressed, r.Outcome));
        Assert.Null(await reopened.ResolveProfileIdAsync(ByIdentifier("device_id", "zdev"), None));
        var audit = Assert.Single(await reopened.ListAuditAsync(0, 10, None));
        Assert.Equal((AdminActions.Forget, "dpo"), (audit.Action, audit.Actor));
    }

    [Fact]
    public async Task An_identifier_linking_too_many_profiles_too_fast_is_quarantined_and_stops_linking()
    {
        await using var harness = new StoreHarness();
        var store = OpenWithQuarantine(harness, maxProfiles: 3);
        for (var i = 0; i < 5; i++)
        {
            await store.IngestAsync([harness.Record("crm", $"k{i}", Time.At(i), null, ("crm_id", $"K{i}"), ("email", "kiosk@shop.io"))], None);
        }

        var quarantined = Assert.Single(await store.ListQuarantinedAsync(None));
        Assert.Equal(new IdentifierKey("email", "kiosk@shop.io"), quarantined.Identifier);
        Assert.Equal(4, quarantined.LinkedProfiles);
        await store.DisposeAsync();

        var reopened = OpenWithQuarantine(harness, maxProfiles: 3);
        Assert.Single(await reopened.ListQuarantinedAsync(None));
        var owner = await reopened.ResolveProfileIdAsync(ByIdentifier("email", "kiosk@shop.io"), None);
        var anonymous = await reopened.IngestAsync([harness.Record("web", "w1", Time.At(8), "page_viewed", ("email", "kiosk@shop.io"), ("device_id", "fresh"))], None);
        Assert.Equal(IngestOutcome.Created, anonymous[0].Outcome);
        Assert.NotEqual(owner, anonymous[0].ProfileId);
        var explain = await reopened.ExplainAsync(ProfileKey.ById(owner!), None);
        Assert.True(explain.Identifiers.Single(i => i.Identifier.Type == "email").Shared);
    }

    private static SqliteProfileStore OpenWithQuarantine(StoreHarness harness, int maxProfiles) =>
        new(
            Microsoft.Extensions.Options.Options.Create(harness.Options),
            harness.Signal,
            harness.Resolver,
            new TraitReconciler(new TraitSettings()),
            harness.Stages,
            new StageEvaluator(harness.Stages),
            new AtRiskPolicy(harness.Stages),
            TimeProvider.System,
            NullLogger<SqliteProfileStore>.Instance,
            Microsoft.Extensions.Options.Options.Create(new QuarantineSettings { MaxProfiles = maxProfiles, Window = TimeSpan.FromHours(1) }));

    internal static async Task<List<string>> TablesContainingAsync(Microsoft.Data.Sqlite.SqliteConnection connection, string secret)
    {
        var found = new List<string>();
        var tables = await connection.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table'");
        foreach (var table in tables)
        {
            var columns = (await connection.QueryAsync<string>($"SELECT name FROM pragma_table_info('{table}')")).ToList();
            var where = string.Join(" OR ", columns.Select(c => $"instr(CAST(\"{c}\" AS TEXT), @Secret) > 0"));
            if (await connection.ExecuteScalarAsync<long>($"SELECT count(*) FROM \"{table}\" WHERE {where}", new { Secret = secret }) > 0)
            {
                found.Add(table);
            }
        }

        return found;
    }
}

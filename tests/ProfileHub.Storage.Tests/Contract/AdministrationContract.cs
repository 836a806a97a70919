using ProfileHub.Core.Admin;
using ProfileHub.Core.Changes;
using ProfileHub.Core.Errors;
using ProfileHub.Core.Identity;
using ProfileHub.Core.Ingest;
using ProfileHub.Core.Profiles;

namespace ProfileHub.Storage.Tests.Contract;

/// <summary>
/// What every <see cref="IProfileAdministration"/> must do, whatever the database (ported from the
/// SQLite admin tests so both stores answer the same).
/// </summary>
public abstract class AdministrationContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly CancellationToken None = CancellationToken.None;
    private IContractDatabase? _database;

    protected ContractRules Rules { get; } = new();

    private IContractDatabase Database => _database ?? throw new InvalidOperationException("the database is created in InitializeAsync");

    public Task InitializeAsync()
    {
        _database = CreateDatabase(Rules);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    protected abstract IContractDatabase CreateDatabase(ContractRules rules);

    [ContractFact]
    public async Task Merge_is_refused_when_two_crm_ids_would_meet_and_a_forced_merge_keeps_the_oldest_profile()
    {
        var store = await Database.OpenAsync();
        var admin = (IProfileAdministration)store;
        var results = await store.IngestAsync(
            [
                Rules.Record("crm", "c1", At(0), null, new Dictionary<string, string> { ["name"] = "Ann" }, ("crm_id", "C1"), ("email", "ann@x.io")),
                Rules.Record("crm", "c2", At(1), "pricing_viewed", ("crm_id", "C2"), ("email", "ann@y.io")),
            ],
            None);

        var refused = await Assert.ThrowsAsync<IdentifierLimitException>(() =>
            admin.MergeAsync(ByIdentifier("email", "ann@y.io"), ByIdentifier("email", "ann@x.io"), force: false, "ops", "duplicate customer", None));
        var merged = await admin.MergeAsync(ByIdentifier("email", "ann@y.io"), ByIdentifier("email", "ann@x.io"), force: true, "ops", "duplicate customer", None);

        Assert.Equal("crm_id", refused.IdentifierType);
        Assert.Equal(results[0].ProfileId, merged.ProfileId);
        Assert.Equal([results[1].ProfileId!], merged.MergedProfileIds);
        Assert.Equal(4, merged.AffectedIdentifiers.Count);
        var profile = await store.GetProfileAsync(ProfileKey.ById(results[1].ProfileId!), None);
        Assert.Equal(results[0].ProfileId, profile!.ProfileId);
        Assert.Equal("Ann", profile.Traits["name"].Value);
        Assert.Equal(4, profile.Identifiers.Count);
        var changes = await store.ListChangesAsync(0, 100, None);
        var merge = Assert.Single(changes, c => c.Kind == ChangeKind.ProfileMerged);
        Assert.Contains(changes, c => c.Kind == ChangeKind.StageChanged && c.ProfileId == results[0].ProfileId && c.Sequence > merge.Sequence);
        Assert.Equal(Enumerable.Range(1, changes.Count).Select(i => (long)i), changes.Select(c => c.Sequence));
        var audit = Assert.Single(await admin.ListAuditAsync(0, 10, None));
        Assert.Equal(("ops", AdminActions.ForcedMerge, "duplicate customer"), (audit.Actor, audit.Action, audit.Reason));
        var explained = await admin.ExplainAsync(ProfileKey.ById(merged.ProfileId), None);
        Assert.Contains(explained.Identifiers.SelectMany(i => i.Evidence), e => e.Rule == EvidenceRules.ManualMerge);
    }

    [ContractFact]
    public async Task Split_by_identifier_partitions_the_profile_recomputes_stages_and_the_identifier_may_link_again()
    {
        var store = await Database.OpenAsync();
        var admin = (IProfileAdministration)store;
        var first = await store.IngestAsync(
            [
                Rules.Record("crm", "r1", At(0), null, ("crm_id", "C1"), ("email", "a@x.io")),
                Rules.Record("web", "r2", At(1), "page_viewed", ("email", "a@x.io"), ("phone", "+14155550100")),
                Rules.Record("web", "r3", At(2), "pricing_viewed", ("phone", "+14155550100"), ("email", "b@x.io")),
                Rules.Record("web", "r4", At(3), "trial_started", ("email", "b@x.io")),
            ],
            None);
        var original = first[0].ProfileId!;
        var path = await admin.ExplainPathAsync(ProfileKey.ById(original), new IdentifierKey("crm_id", "C1"), new IdentifierKey("email", "b@x.io"), None);

        var split = await admin.SplitAsync(ProfileKey.ById(original), SplitEvidence.ByIdentifier(new IdentifierKey("phone", "+14155550100")), "ops", "phone of a shop", None);

        Assert.Equal(["r1", "r2", "r3"], path.Steps.Select(s => s.RecordId));
        Assert.Equal(original, split.ProfileId);
        var created = Assert.Single(split.NewProfileIds);
        Assert.Equal(ProfileIds.ForRecord("web", "r3"), created);
        var kept = await store.GetProfileAsync(ByIdentifier("crm_id", "C1"), None);
        var moved = await store.GetProfileAsync(ByIdentifier("email", "b@x.io"), None);
        Assert.Equal(original, kept!.ProfileId);
        Assert.Equal(created, moved!.ProfileId);
        Assert.Equal(["crm_id:C1", "email:a@x.io"], kept.Identifiers.Select(i => i.Key.ToString()));
        Assert.Null(await store.ResolveProfileIdAsync(ByIdentifier("phone", "+14155550100"), None));
        Assert.Equal("awareness", kept.Stage.Stage);
        Assert.NotEqual("awareness", moved.Stage.Stage);
        var changes = await store.ListChangesAsync(0, 200, None);
        Assert.Equal([created], Assert.Single(changes, c => c.Kind == ChangeKind.ProfileSplit).SplitProfileIds);
        var again = await store.IngestAsync([Rules.Record("web", "r5", At(4), "page_viewed", ("phone", "+14155550100"), ("email", "b@x.io"))], None);
        Assert.Equal(created, again[0].ProfileId);
    }

    [ContractFact]
    public async Task Forget_erases_the_person_and_later_records_with_its_identifiers_are_suppressed()
    {
        var store = await Database.OpenAsync();
        var admin = (IProfileAdministration)store;
        var batch = new[]
        {
            Rules.Record("crm", "z1", At(0), null, new Dictionary<string, string> { ["name"] = "Zelda Quux" }, ("crm_id", "Z-1"), ("email", "zelda@quux.io")),
            Rules.Record("web", "z2", At(1), "page_viewed", ("email", "zelda@quux.io"), ("device_id", "zdev")),
            Rules.Record("crm", "other", At(2), null, ("crm_id", "O-1"), ("email", "zelda@quux.io")),
        };
        var results = await store.IngestAsync(batch, None);

        var forgotten = await admin.ForgetAsync(ByIdentifier("email", "zelda@quux.io"), "dpo", "erasure ticket 42", None);

        Assert.Equal(results[0].ProfileId, forgotten.ProfileId);
        Assert.Equal(3, forgotten.SuppressedIdentifiers);
        Assert.Null(await store.GetProfileAsync(ProfileKey.ById(forgotten.ProfileId), None));
        Assert.NotNull(await store.GetProfileAsync(ProfileKey.ById(results[2].ProfileId!), None));
        var tombstone = (await store.ListChangesAsync(0, 100, None))[^1];
        Assert.Equal((ChangeKind.ProfileForgotten, forgotten.ProfileId, null), (tombstone.Kind, tombstone.ProfileId, tombstone.CausedBy));
        await Database.CloseAsync(store);

        var reopened = await Database.OpenAsync();
        var replay = await reopened.IngestAsync([batch[0], Rules.Record("web", "later", At(9), "page_viewed", ("device_id", "zdev"))], None);
        Assert.All(replay, r => Assert.Equal(IngestOutcome.Suppressed, r.Outcome));
        Assert.Null(await reopened.ResolveProfileIdAsync(ByIdentifier("device_id", "zdev"), None));
        var audit = Assert.Single(await ((IProfileAdministration)reopened).ListAuditAsync(0, 10, None));
        Assert.Equal((AdminActions.Forget, "dpo"), (audit.Action, audit.Actor));
    }

    private static ProfileKey ByIdentifier(string type, string value) => ProfileKey.ByIdentifier(new IdentifierKey(type, value));

    private static DateTimeOffset At(double hours) => Start.AddHours(hours);
}

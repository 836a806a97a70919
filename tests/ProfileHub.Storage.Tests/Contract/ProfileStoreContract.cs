using ProfileHub.Core.Changes;
using ProfileHub.Core.Identity;
using ProfileHub.Core.Ingest;
using ProfileHub.Core.Profiles;

namespace ProfileHub.Storage.Tests.Contract;

/// <summary>
/// What every <see cref="IProfileStore"/> must do, whatever the database. Each test gets an empty
/// database from <see cref="CreateDatabase"/>; the concrete classes only say which engine.
/// </summary>
public abstract class ProfileStoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private IContractDatabase? _database;

    protected ContractRules Rules { get; } = new();

    protected IContractDatabase Database => _database ?? throw new InvalidOperationException("the database is created in InitializeAsync");

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
    public async Task A_record_with_no_known_identifier_creates_a_profile_and_a_later_one_sharing_an_identifier_attaches()
    {
        var store = await Database.OpenAsync();

        var first = await IngestOne(store, Rules.Record("crm", "c1", At(0), null, ("crm_id", "C1"), ("email", "a@x.io")));
        var second = await IngestOne(store, Rules.Record("web", "w1", At(1), "page_viewed", ("device_id", "d1"), ("email", "A@X.io ")));

        Assert.Equal(IngestOutcome.Created, first.Outcome);
        Assert.Equal(IngestOutcome.Attached, second.Outcome);
        Assert.Equal(first.ProfileId, second.ProfileId);
        var profile = await store.GetProfileAsync(ProfileKey.ByIdentifier(new IdentifierKey("device_id", "d1")), CancellationToken.None);
        Assert.NotNull(profile);
        Assert.Equal(["crm_id:C1", "device_id:d1", "email:a@x.io"], profile.Identifiers.Select(i => i.Key.ToString()).Order(StringComparer.Ordinal));
        Assert.Equal("awareness", profile.Stage.Stage);
    }

    [ContractFact]
    public async Task Identifier_values_compare_case_sensitively_where_the_normalizer_keeps_case()
    {
        var store = await Database.OpenAsync();

        var upper = await IngestOne(store, Rules.Record("crm", "c1", At(0), null, ("crm_id", "ABC")));
        var lower = await IngestOne(store, Rules.Record("crm", "c2", At(1), null, ("crm_id", "abc")));

        Assert.Equal(IngestOutcome.Created, lower.Outcome);
        Assert.NotEqual(upper.ProfileId, lower.ProfileId);
        Assert.Null(await store.ResolveProfileIdAsync(ProfileKey.ByIdentifier(new IdentifierKey("crm_id", "Abc")), CancellationToken.None));
    }

    [ContractFact]
    public async Task A_replayed_batch_is_duplicate_with_the_same_profiles_and_changes_nothing()
    {
        var store = await Database.OpenAsync();
        var batch = new[]
        {
            Rules.Record("crm", "c1", At(0), null, ("crm_id", "C1"), ("email", "a@x.io")),
            Rules.Record("web", "w1", At(1), "page_viewed", ("device_id", "d1"), ("email", "a@x.io")),
            Rules.Record("web", "w1", At(1), "page_viewed", ("device_id", "d1"), ("email", "a@x.io")),
        };

        var first = await store.IngestAsync(batch, CancellationToken.None);
        var sequence = await store.GetLastChangeSequenceAsync(CancellationToken.None);
        var before = await store.GetProfileAsync(ProfileKey.ById(first[0].ProfileId!), CancellationToken.None);
        var replay = await store.IngestAsync(batch, CancellationToken.None);

        Assert.Equal(IngestOutcome.Duplicate, first[2].Outcome);
        Assert.All(replay, r => Assert.Equal(IngestOutcome.Duplicate, r.Outcome));
        Assert.Equal(first.Select(r => r.ProfileId), replay.Select(r => r.ProfileId));
        Assert.Equal(sequence, await store.GetLastChangeSequenceAsync(CancellationToken.None));
        var after = await store.GetProfileAsync(ProfileKey.ById(first[0].ProfileId!), CancellationToken.None);
        Assert.Equal(before!.UpdatedAt, after!.UpdatedAt);
        Assert.Equal(before.Stage, after.Stage);
    }

    [ContractFact]
    public async Task A_record_linking_two_profiles_merges_them_and_the_absorbed_id_still_resolves()
    {
        var store = await Database.OpenAsync();
        var phone = await IngestOne(store, Rules.Record("web", "w1", At(0), "page_viewed", ("device_id", "phone")));
        var laptop = await IngestOne(store, Rules.Record("web", "w2", At(1), "product_viewed", ("device_id", "laptop"), ("user_id", "u1")));

        var link = await IngestOne(store, Rules.Record("web", "w3", At(2), "cart_added", ("device_id", "phone"), ("user_id", "u1")));

        Assert.Equal(IngestOutcome.Merged, link.Outcome);
        Assert.Equal(phone.ProfileId, link.ProfileId);
        Assert.Equal([laptop.ProfileId!], link.MergedProfileIds);
        Assert.Equal(phone.ProfileId, await store.ResolveProfileIdAsync(ProfileKey.ById(laptop.ProfileId!), CancellationToken.None));
        var profile = await store.GetProfileAsync(ProfileKey.ById(laptop.ProfileId!), CancellationToken.None);
        Assert.Equal(phone.ProfileId, profile!.ProfileId);
        Assert.Equal([laptop.ProfileId!], profile.MergedProfileIds);
        Assert.Equal(["awareness", "consideration", "decision"], profile.StageHistory.Select(t => t.ToStage));
        var stage = await store.GetStageAsync(ProfileKey.ById(laptop.ProfileId!), CancellationToken.None);
        Assert.Equal("decision", stage!.Stage);
        Assert.Equal(3, profile.StageHistory.Count);
        Assert.Equal(profile.StageHistory, await store.GetStageHistoryAsync(laptop.ProfileId!, CancellationToken.None));
    }

    [ContractFact]
    public async Task Two_crm_ids_sharing_an_email_are_never_merged()
    {
        var store = await Database.OpenAsync();
        var ann = await IngestOne(store, Rules.Record("crm", "c1", At(0), null, ("crm_id", "C1"), ("email", "family@x.io")));

        var bob = await IngestOne(store, Rules.Record("crm", "c2", At(1), null, ("crm_id", "C2"), ("email", "family@x.io")));

        Assert.NotEqual(ann.ProfileId, bob.ProfileId);
        Assert.NotNull(bob.Message);
        Assert.Equal(ann.ProfileId, await store.ResolveProfileIdAsync(ProfileKey.ByIdentifier(new IdentifierKey("email", "family@x.io")), CancellationToken.None));
        Assert.Equal(bob.ProfileId, await store.ResolveProfileIdAsync(ProfileKey.ByIdentifier(new IdentifierKey("crm_id", "C2")), CancellationToken.None));
    }

    [ContractFact]
    public async Task Unknown_keys_are_null_for_every_lookup()
    {
        var store = await Database.OpenAsync();
        var unknown = ProfileKey.ByIdentifier(new IdentifierKey("email", "nobody@x.io"));

        Assert.Null(await store.GetProfileAsync(unknown, CancellationToken.None));
        Assert.Null(await store.GetStageAsync(unknown, CancellationToken.None));
        Assert.Null(await store.ResolveProfileIdAsync(ProfileKey.ById("p_none"), CancellationToken.None));
        Assert.Empty(await store.GetStageHistoryAsync("p_none", CancellationToken.None));
        Assert.Equal(0, await store.GetLastChangeSequenceAsync(CancellationToken.None));
    }

    [ContractFact]
    public async Task Profiles_list_by_stage_in_profile_id_order_page_by_page_and_filter_on_at_risk()
    {
        var store = await Database.OpenAsync();
        var records = Enumerable.Range(0, 7).Select(i => Rules.Record("web", $"w{i}", At(i), "product_viewed", ("device_id", $"d{i}"))).ToList();
        records.Add(Rules.Record("web", "other", At(9), "page_viewed", ("device_id", "elsewhere")));
        await store.IngestAsync(records, CancellationToken.None);

        var pages = new List<IReadOnlyList<StageView>>();
        string? after = null;
        do
        {
            var page = await store.ListByStageAsync("consideration", null, after, 3, CancellationToken.None);
            pages.Add(page);
            after = page.Count == 3 ? page[^1].ProfileId : null;
        }
        while (after is not null);

        var ids = pages.SelectMany(p => p).Select(v => v.ProfileId).ToList();
        Assert.Equal(7, ids.Count);
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        Assert.All(pages.SelectMany(p => p), v => Assert.Equal("consideration", v.Stage));
        Assert.Equal(7, (await store.ListByStageAsync("consideration", false, null, 100, CancellationToken.None)).Count);
        Assert.Empty(await store.ListByStageAsync("consideration", true, null, 100, CancellationToken.None));
    }

    [ContractFact]
    public async Task The_change_feed_is_numbered_from_one_without_gaps_in_commit_order_and_pages_by_cursor()
    {
        var store = await Database.OpenAsync();
        await store.IngestAsync([Rules.Record("crm", "c1", At(0), null, new Dictionary<string, string> { ["name"] = "Ann" }, ("crm_id", "C1"))], CancellationToken.None);
        await store.IngestAsync([Rules.Record("web", "w1", At(1), "page_viewed", ("device_id", "d1"))], CancellationToken.None);
        await store.IngestAsync([Rules.Record("web", "w2", At(2), "product_viewed", ("device_id", "d1"), ("crm_id", "C1"))], CancellationToken.None);

        var all = new List<ProfileChange>();
        long cursor = 0;
        while (true)
        {
            var page = await store.ListChangesAsync(cursor, 2, CancellationToken.None);
            if (page.Count == 0)
            {
                break;
            }

            all.AddRange(page);
            cursor = page[^1].Sequence;
        }

        Assert.Equal(Enumerable.Range(1, all.Count).Select(i => (long)i), all.Select(c => c.Sequence));
        Assert.Equal(all.Count, await store.GetLastChangeSequenceAsync(CancellationToken.None));
        Assert.Contains(all, c => c.Kind == ChangeKind.ProfileCreated && c.CausedBy == "crm/c1");
        Assert.Contains(all, c => c.Kind == ChangeKind.TraitsChanged && c.TraitNames.SequenceEqual(["name"]));
        var merged = Assert.Single(all, c => c.Kind == ChangeKind.ProfileMerged);
        Assert.Single(merged.MergedProfileIds);
        Assert.Contains(all, c => c.Kind == ChangeKind.StageChanged && c.ToStage == "consideration" && c.ProfileId == merged.ProfileId);
    }

    [ContractFact]
    public async Task Stage_timelines_select_profiles_by_first_stage_time_and_by_source()
    {
        var store = await Database.OpenAsync();
        await store.IngestAsync(
            [
                Rules.Record("web", "early", At(0), "page_viewed", ("device_id", "a")),
                Rules.Record("web", "early-2", At(5), "product_viewed", ("device_id", "a")),
                Rules.Record("email", "late", At(100), "email_opened", ("esp_id", "b")),
                Rules.Record("crm", "none", At(1), null, ("crm_id", "C9")),
            ],
            CancellationToken.None);

        var all = await store.GetStageTimelinesAsync(null, null, null, CancellationToken.None);
        var window = await store.GetStageTimelinesAsync(At(0), At(50), null, CancellationToken.None);
        var fromEmail = await store.GetStageTimelinesAsync(null, null, "email", CancellationToken.None);

        Assert.Equal(2, all.Count);
        var early = Assert.Single(window);
        Assert.Equal(["awareness", "consideration"], early.Select(t => t.ToStage));
        Assert.Equal("late", Assert.Single(Assert.Single(fromEmail)).RecordId);
        Assert.Empty(await store.GetStageTimelinesAsync(At(101), null, null, CancellationToken.None));
    }

    [ContractFact]
    public async Task The_at_risk_sweep_flags_quiet_onboarded_profiles_once_and_new_activity_clears_the_flag()
    {
        var store = await Database.OpenAsync();
        var now = DateTimeOffset.UtcNow;
        var buyer = await IngestOne(store, Rules.Record("web", "buy", now.AddDays(-40), "purchase_completed", ("user_id", "buyer")));
        await IngestOne(store, Rules.Record("web", "look", now.AddDays(-40), "page_viewed", ("user_id", "browser")));

        var flips = await store.SweepAtRiskAsync(now, CancellationToken.None);
        var again = await store.SweepAtRiskAsync(now, CancellationToken.None);

        Assert.Equal(1, flips);
        Assert.Equal(0, again);
        Assert.True((await store.GetStageAsync(ProfileKey.ById(buyer.ProfileId!), CancellationToken.None))!.AtRisk);
        Assert.Equal([buyer.ProfileId!], (await store.ListByStageAsync("onboarding", true, null, 10, CancellationToken.None)).Select(v => v.ProfileId));
        var flagged = Assert.Single(await store.ListChangesAsync(0, 100, CancellationToken.None), c => c.Kind == ChangeKind.AtRiskChanged);
        Assert.Equal(true, flagged.AtRisk);

        await IngestOne(store, Rules.Record("web", "back", now, "page_viewed", ("user_id", "buyer")));

        Assert.False((await store.GetStageAsync(ProfileKey.ById(buyer.ProfileId!), CancellationToken.None))!.AtRisk);
        Assert.Contains(await store.ListChangesAsync(flagged.Sequence, 100, CancellationToken.None), c => c.Kind == ChangeKind.AtRiskChanged && c.AtRisk == false);
    }

    [ContractFact]
    public async Task A_reopened_store_sees_everything_committed_before_and_continues_the_change_feed()
    {
        var first = await Database.OpenAsync();
        var created = await IngestOne(first, Rules.Record("web", "w1", At(0), "cart_added", ("device_id", "d1")));
        var sequence = await first.GetLastChangeSequenceAsync(CancellationToken.None);
        await Database.CloseAsync(first);

        var second = await Database.OpenAsync();
        var attached = await IngestOne(second, Rules.Record("web", "w2", At(1), "page_viewed", ("device_id", "d1"), ("email", "d1@x.io")));

        Assert.Equal(created.ProfileId, attached.ProfileId);
        Assert.Equal("decision", (await second.GetStageAsync(ProfileKey.ByIdentifier(new IdentifierKey("device_id", "d1")), CancellationToken.None))!.Stage);
        Assert.Equal(IngestOutcome.Duplicate, (await IngestOne(second, Rules.Record("web", "w1", At(0), "cart_added", ("device_id", "d1")))).Outcome);
        Assert.True(await second.GetLastChangeSequenceAsync(CancellationToken.None) >= sequence);
        Assert.Equal(sequence + 1, (await second.ListChangesAsync(sequence, 10, CancellationToken.None))[0].Sequence);
    }

    [ContractFact]
    public async Task Several_writers_linking_the_same_people_leave_each_person_in_one_profile_and_a_gap_free_change_feed()
    {
        const int People = 12;
        const int Writers = 6;
        const int BatchesEach = 12;
        var stores = new List<IProfileStore>();
        for (var i = 0; i < Math.Max(1, Math.Min(3, Database.MaxWriterInstances)); i++)
        {
            stores.Add(await Database.OpenAsync());
        }

        using var writersDone = new CancellationTokenSource();
        var seen = new List<ProfileChange>();
        var reader = Task.Run(async () =>
        {
            long cursor = 0;
            while (true)
            {
                var finished = writersDone.IsCancellationRequested;
                var page = await stores[0].ListChangesAsync(cursor, 50, CancellationToken.None);
                seen.AddRange(page);
                if (page.Count > 0)
                {
                    cursor = page[^1].Sequence;
                }
                else if (finished)
                {
                    return;
                }
                else
                {
                    await Task.Delay(5);
                }
            }
        });

        // Every writer sees every person through a different device, then links the device to the
        // person's email or user id: the same people are merged from several replicas at once.
        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            var store = stores[w % stores.Count];
            for (var b = 0; b < BatchesEach; b++)
            {
                var batch = Enumerable.Range(0, People).Select(p => ((b + w + p) % 3) switch
                {
                    0 => Rules.Record("web", $"w{w}-b{b}-p{p}", At(b), "page_viewed", ("device_id", $"dev-{w}-{p}"), ("email", $"person{p}@x.io")),
                    1 => Rules.Record("app", $"w{w}-b{b}-p{p}", At(b), "product_viewed", ("device_id", $"dev-{w}-{p}"), ("user_id", $"user-{p}")),
                    _ => Rules.Record("crm", $"w{w}-b{b}-p{p}", At(b), null, ("user_id", $"user-{p}"), ("email", $"person{p}@x.io")),
                }).ToList();
                await store.IngestAsync(batch, CancellationToken.None);
            }
        })).ToList();
        await Task.WhenAll(writers);
        await writersDone.CancelAsync();
        await reader;

        var check = stores[0];
        var personProfiles = new HashSet<string>(StringComparer.Ordinal);
        for (var p = 0; p < People; p++)
        {
            var owners = new HashSet<string?>
            {
                await check.ResolveProfileIdAsync(ProfileKey.ByIdentifier(new IdentifierKey("email", $"person{p}@x.io")), CancellationToken.None),
                await check.ResolveProfileIdAsync(ProfileKey.ByIdentifier(new IdentifierKey("user_id", $"user-{p}")), CancellationToken.None),
            };
            for (var w = 0; w < Writers; w++)
            {
                owners.Add(await check.ResolveProfileIdAsync(ProfileKey.ByIdentifier(new IdentifierKey("device_id", $"dev-{w}-{p}")), CancellationToken.None));
            }

            Assert.Single(owners);
            Assert.NotNull(owners.Single());
            var profile = await check.GetProfileAsync(ProfileKey.ById(owners.Single()!), CancellationToken.None);
            Assert.Equal(Writers + 2, profile!.Identifiers.Count);
            personProfiles.Add(profile.ProfileId);
        }

        Assert.Equal(People, personProfiles.Count);

        var last = await check.GetLastChangeSequenceAsync(CancellationToken.None);
        Assert.Equal(Enumerable.Range(1, (int)last).Select(i => (long)i), seen.Select(c => c.Sequence));
        Assert.Equal(seen.Count, seen.Select(c => c.Sequence).Distinct().Count());
    }

    private static DateTimeOffset At(double hours) => Start.AddHours(hours);

    private static async Task<IngestResult> IngestOne(IProfileStore store, NormalizedRecord record) =>
        (await store.IngestAsync([record], CancellationToken.None))[0];
}

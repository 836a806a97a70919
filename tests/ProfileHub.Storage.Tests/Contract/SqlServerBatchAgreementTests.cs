using ProfileHub.Core.Admin;
using ProfileHub.Core.Changes;
using ProfileHub.Core.Identity;
using ProfileHub.Core.Ingest;
using ProfileHub.Core.Profiles;
using ProfileHub.Storage.Sqlite;
using ProfileHub.Storage.SqlServer;

namespace ProfileHub.Storage.Tests.Contract;

/// <summary>
/// The SQL Server store resolves a batch in memory (<see cref="IngestBatch"/>) instead of statement
/// by statement. Without a SQL Server on this machine, this pins its decisions to the SQLite store's:
/// the same records must give the same results, the same change feed and the same final profiles.
/// </summary>
public sealed class SqlServerBatchAgreementTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly string[] Events =
        ["page_viewed", "product_viewed", "cart_added", "purchase_completed", "email_opened", "nps_submitted", "review_posted"];

    [Theory]
    [InlineData(1, 400, 20)]
    [InlineData(2, 400, 20)]
    [InlineData(3, 800, 20)]
    [InlineData(4, 600, 2)]
    public async Task A_batch_resolved_in_memory_agrees_with_the_SQLite_store_record_by_record(int seed, int count, int quarantineAfterProfiles)
    {
        var rules = new ContractRules();
        var records = Generate(rules, new Random(seed), count);
        var quarantine = new QuarantineSettings { MaxProfiles = quarantineAfterProfiles };
        await using var database = new SqliteContractDatabase(rules, quarantine);
        var sqlite = await database.OpenAsync();
        var expected = new List<IngestResult>();
        foreach (var chunk in records.Chunk(37))
        {
            expected.AddRange(await sqlite.IngestAsync(chunk, CancellationToken.None));
        }

        var guard = new BatchGuard(new HashSet<IdentifierKey>(), new HotIdentifierRule(quarantine), []);
        var batch = new IngestBatch(
            rules.IngestRules(),
            guard,
            StoredTime.ToTicks(DateTimeOffset.UtcNow),
            new Dictionary<IdentifierKey, BatchIdentifier>(),
            new Dictionary<IdentifierKey, HashSet<string>>(),
            new Dictionary<string, BatchProfile>(StringComparer.Ordinal),
            new Dictionary<(string Source, string RecordId), string>());
        var actual = records.Select(batch.Apply).ToList();

        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal((expected[i].Outcome, expected[i].ProfileId, expected[i].Message), (actual[i].Outcome, actual[i].ProfileId, actual[i].Message));
            Assert.Equal(expected[i].MergedProfileIds, actual[i].MergedProfileIds);
        }

        var feed = await sqlite.ListChangesAsync(0, 100_000, CancellationToken.None);
        Assert.Equal(feed.Select(c => Describe(c)), batch.Changes.Select(c => Describe(c)));
        Assert.Contains(feed, c => c.Kind == ChangeKind.ProfileMerged);
        Assert.Contains(feed, c => c.Kind == ChangeKind.StageChanged);

        var survivors = batch.Profiles.ToList();
        Assert.Equal(survivors.Count, batch.Profiles.Count(p => p.Persist));
        var identifiersByProfile = batch.Identifiers.ToLookup(i => batch.Resolve(i.ProfileId), StringComparer.Ordinal);
        var aliasesByProfile = batch.Moves.ToLookup(m => m.Value, m => m.Key, StringComparer.Ordinal);
        foreach (var profile in survivors)
        {
            var stored = await sqlite.GetProfileAsync(ProfileKey.ById(profile.ProfileId), CancellationToken.None);
            Assert.NotNull(stored);
            Assert.Equal(profile.ProfileId, stored.ProfileId);
            Assert.Equal(
                (stored.Stage.Stage, stored.Stage.StageOrder, stored.Stage.EnteredAt, stored.Stage.AtRisk, stored.Stage.Version, stored.CreatedAt),
                (profile.Stage, profile.StageOrder, StoredTime.FromTicks(profile.StageEnteredAt), profile.AtRisk, profile.Version, StoredTime.FromTicks(profile.CreatedAt)));
            Assert.Equal(stored.StageHistory, profile.Transitions);
            Assert.Equal(stored.Traits.OrderBy(t => t.Key, StringComparer.Ordinal), profile.Traits.OrderBy(t => t.Key, StringComparer.Ordinal));
            Assert.Equal(
                stored.Identifiers.Select(i => (i.Key, i.RawValue, i.FirstSeen, i.Shared)).OrderBy(i => i.Key.ToString(), StringComparer.Ordinal),
                identifiersByProfile[profile.ProfileId].Select(i => (i.Key, i.RawValue, StoredTime.FromTicks(i.FirstSeen), i.Shared)).OrderBy(i => i.Key.ToString(), StringComparer.Ordinal));
            Assert.Equal(stored.MergedProfileIds.Order(StringComparer.Ordinal), aliasesByProfile[profile.ProfileId].Order(StringComparer.Ordinal));
            Assert.Equal(
                stored.Identifiers.GroupBy(i => i.Key.Type).ToDictionary(g => g.Key, g => g.Count()).OrderBy(p => p.Key, StringComparer.Ordinal),
                profile.IdentifierCounts.OrderBy(p => p.Key, StringComparer.Ordinal));
        }

        var quarantined = await ((IProfileAdministration)sqlite).ListQuarantinedAsync(CancellationToken.None);
        Assert.Equal(
            quarantined.Select(q => q.Identifier.ToString()).Order(StringComparer.Ordinal),
            guard.Quarantined.Keys.Select(k => k.ToString()).Order(StringComparer.Ordinal));
        if (quarantineAfterProfiles == 2)
        {
            Assert.NotEmpty(quarantined);
        }

        var stagedProfiles = await sqlite.GetStageTimelinesAsync(null, null, null, CancellationToken.None);
        Assert.Equal(stagedProfiles.Count, survivors.Count(p => p.Transitions.Count > 0));
    }

    private static string Describe(ProfileChange change) =>
        Describe(change.Kind, change.ProfileId, change.CausedBy, change.MergedProfileIds, change.FromStage, change.ToStage, change.AtRisk, change.TraitNames);

    private static string Describe(PendingChange change) =>
        Describe(change.Kind, change.ProfileId, change.CausedBy, change.Ids ?? [], change.FromStage, change.ToStage, change.AtRisk, change.TraitNames ?? []);

    private static string Describe(ChangeKind kind, string profileId, string? causedBy, IEnumerable<string> ids, string? from, string? to, bool? atRisk, IEnumerable<string> traits) =>
        string.Join("|", kind, profileId, causedBy, string.Join(",", ids), from, to, atRisk, string.Join(",", traits));

    // Small identifier pools so records collide: merges, limit conflicts, shared devices, restitching.
    private static List<NormalizedRecord> Generate(ContractRules rules, Random random, int count)
    {
        var records = new List<NormalizedRecord>();
        for (var i = 0; i < count; i++)
        {
            var identifiers = new List<(string, string)>();
            var kinds = random.Next(1, 4);
            for (var k = 0; k < kinds; k++)
            {
                identifiers.Add(random.Next(6) switch
                {
                    0 => ("crm_id", "C" + random.Next(25)),
                    1 => ("user_id", "u" + random.Next(30)),
                    2 => ("email", $"person{random.Next(40)}@x.io"),
                    3 => ("phone", "+1415555" + random.Next(1000, 1030)),
                    _ => ("device_id", "dev" + random.Next(60)),
                });
            }

            var source = random.Next(4) switch { 0 => "crm", 1 => "support", 2 => "email", _ => "web" };
            var eventName = random.Next(5) == 0 ? null : Events[random.Next(Events.Length)];
            var traits = random.Next(4) == 0
                ? new Dictionary<string, string> { ["plan"] = "p" + random.Next(3), ["name"] = "n" + random.Next(5) }
                : null;
            var recordId = random.Next(20) == 0 && i > 0 ? "r" + random.Next(i) : "r" + i;
            records.Add(rules.Record(source, recordId, Start.AddHours(random.Next(24 * 60)), eventName, traits, identifiers.ToArray()));
        }

        return records;
    }
}

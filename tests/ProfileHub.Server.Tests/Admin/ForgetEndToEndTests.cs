using System.Text;
using Dapper;
using Microsoft.Data.Sqlite;
using ProfileHub.Contracts.V1;
using ProfileHub.Grpc;
using ProfileHub.Redis;
using ProfileHub.Server.Tests.Infrastructure;
using static ProfileHub.Server.Tests.Infrastructure.Records;

namespace ProfileHub.Server.Tests.Admin;

public sealed class ForgetEndToEndTests(AdminServerFixture fixture) : IClassFixture<AdminServerFixture>
{
    [Fact]
    public async Task Forget_leaves_nothing_of_the_person_in_sqlite_redis_or_responses_and_replays_stay_suppressed()
    {
        var p = TestIds.NewPrefix();
        var email = $"{p}.zelda@example.com";
        var crm = $"{p}-CRM";
        var device = $"{p}-device";
        var name = $"Zelda {p} Quux";
        var start = DateTimeOffset.UtcNow.AddDays(-2);
        var person = new[]
        {
            Identify("crm", $"{p}-1", start, Id("crm_id", crm), Id("email", email)).WithTrait("name", name),
            Event("web", $"{p}-2", start.AddHours(1), "trial_started", Id("email", email), Id("device_id", device)).WithProperty("plan", name),
            Event("web", $"{p}-3", start.AddHours(2), "page_viewed", Id("device_id", device)),
        };
        var results = await fixture.Channel.IngestEachAsync(person);
        var profileId = results[0].ProfileId;
        // Warm both cache levels with refs keyed by the identifier values.
        foreach (var lookup in new[] { ByIdentifier("email", email), ByIdentifier("crm_id", crm), ByIdentifier("device_id", device), ByProfileId(profileId) })
        {
            await fixture.Channel.GetStageAsync(lookup);
        }

        var secrets = new[] { email, crm, device, name };
        // The scan sees the cache: the profile's entries are in Redis (keyed without identifier values).
        Assert.NotEmpty(await RedisEntriesContainingAsync([profileId]));
        Assert.Empty(await RedisEntriesContainingAsync(secrets));
        var cursor = await fixture.Channel.CurrentCursorAsync();

        var forgotten = await fixture.Channel.ForgetAsync(ByIdentifier("email", email), "erasure ticket " + p);

        Assert.Equal(profileId, forgotten.ProfileId);
        Assert.Equal(3, forgotten.SuppressedIdentifiers);

        // Responses: every lookup is NOT_FOUND, the feed has a tombstone with the id only.
        foreach (var lookup in new[] { ByIdentifier("email", email), ByIdentifier("crm_id", crm), ByIdentifier("device_id", device), ByProfileId(profileId) })
        {
            Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() => fixture.Channel.GetProfileAsync(lookup))).StatusCode);
            Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() => fixture.Channel.GetStageAsync(lookup))).StatusCode);
        }

        var (changes, _) = await fixture.Channel.ReadChangesToEndAsync(cursor);
        var tombstone = Assert.Single(changes, c => c.ProfileId == profileId);
        Assert.Equal((ChangeType.ProfileForgotten, string.Empty), (tombstone.Type, tombstone.CausedBy));
        var (wholeFeed, _) = await fixture.Channel.ReadChangesToEndAsync(string.Empty);
        Assert.DoesNotContain(wholeFeed, c => secrets.Any(s => c.ToString().Contains(s, StringComparison.Ordinal)));

        // Redis: no key or value mentions the person.
        Assert.Empty(await RedisEntriesContainingAsync(secrets));

        // SQLite: no table holds any identifier or trait value.
        await using (var connection = new SqliteConnection($"Data Source={fixture.Server.DatabasePath};Mode=ReadOnly;Pooling=False"))
        {
            await connection.OpenAsync();
            foreach (var secret in secrets)
            {
                Assert.Empty(await TablesContainingAsync(connection, secret));
            }
        }

        // A replay and a later record carrying one of the identifiers are suppressed, and stay so.
        var replay = await fixture.Channel.IngestAsync([.. person, Event("web", $"{p}-later", DateTimeOffset.UtcNow, "page_viewed", Id("email", email.ToUpperInvariant()))]);
        Assert.All(replay.Results, r => Assert.Equal(IngestOutcome.Suppressed, r.Outcome));
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() => fixture.Channel.GetProfileAsync(ByIdentifier("email", email)))).StatusCode);
        var again = await fixture.Channel.IngestAsync(person[0]);
        Assert.Equal(IngestOutcome.Suppressed, again.Results.Single().Outcome);
    }

    private async Task<List<string>> RedisEntriesContainingAsync(IReadOnlyList<string> secrets)
    {
        await using var redis = await RedisConnection.ConnectAsync(new RedisOptions { Configuration = fixture.Redis.Endpoint });
        var found = new List<string>();
        var keys = (await redis.ExecuteAsync("KEYS", ["*"])).ThrowIfError().Elements.Select(k => k.AsString()!).ToList();
        foreach (var key in keys)
        {
            var dump = (await redis.ExecuteAsync("DUMP", [key])).Bytes ?? [];
            var text = key + "\n" + Encoding.UTF8.GetString(dump);
            found.AddRange(secrets.Where(s => text.Contains(s, StringComparison.Ordinal)).Select(s => key));
        }

        return found;
    }

    private static async Task<List<string>> TablesContainingAsync(SqliteConnection connection, string secret)
    {
        var found = new List<string>();
        var tables = (await connection.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table'")).ToList();
        Assert.Contains("records", tables);
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

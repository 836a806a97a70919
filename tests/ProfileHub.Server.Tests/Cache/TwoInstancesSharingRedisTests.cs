using ProfileHub.Contracts.V1;
using ProfileHub.Server.Tests.Infrastructure;
using static ProfileHub.Server.Tests.Infrastructure.Records;

namespace ProfileHub.Server.Tests.Cache;

/// <summary>Two server processes on one SQLite file and one Redis: A writes, B reads.</summary>
public sealed class TwoInstancesSharingRedisTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Convergence = TimeSpan.FromSeconds(1);
    private ProfileHubServerProcess? _writer;
    private ProfileHubServerProcess? _reader;
    private ProfileHubServerProcess? _readerWithoutMemory;

    private ProfileHubServerProcess A => _writer!;

    private ProfileHubServerProcess B => _reader!;

    public async Task InitializeAsync()
    {
        _writer = await ProfileHubServerProcess.StartAsync([redis.ConfigurationArgument]);
        _reader = await ProfileHubServerProcess.StartAsync([redis.ConfigurationArgument], _writer.DatabasePath);
        _readerWithoutMemory = await ProfileHubServerProcess.StartAsync([redis.ConfigurationArgument, "--ProfileHub:Redis:Cache:MemoryMaxEntries=0"], _writer.DatabasePath);
    }

    public async Task DisposeAsync()
    {
        foreach (var server in new[] { _readerWithoutMemory, _reader, _writer })
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_merge_on_instance_a_moves_the_stage_b_has_cached_within_a_second()
    {
        var p = TestIds.NewPrefix();
        var device = Id("device_id", $"{p}-phone");
        var email = Id("email", $"{p}@example.com");
        await A.Channel.IngestAsync(Event("web", $"{p}-1", DateTimeOffset.UtcNow.AddHours(-3), "cart_added", device));
        var customer = (await A.Channel.IngestAsync(Event("crm", $"{p}-2", DateTimeOffset.UtcNow.AddHours(-2), "email_opened", Id("crm_id", $"{p}-crm"), email))).Results[0];
        var lookup = ByIdentifier("email", email.Value);
        Assert.Equal("awareness", (await B.Channel.GetStageAsync(lookup)).Stage);
        // As below: a late invalidation of A's ingests may drop B's first fill once.
        var cached = await Eventually.UntilAsync(() => B.Channel.GetStageAsync(lookup), s => s.ServedFrom == ServedFrom.Memory, Convergence, "B answers from its memory");
        Assert.Equal(customer.ProfileId, cached.ProfileId);

        var merge = (await A.Channel.IngestAsync(Identify("web", $"{p}-3", DateTimeOffset.UtcNow.AddHours(-1), device, email))).Results[0];
        Assert.Equal(IngestOutcome.Merged, merge.Outcome);

        // B's L1 would keep the old answer for 30 s; only the cross-replica invalidation makes it converge this fast.
        var converged = await Eventually.UntilAsync(() => B.Channel.GetStageAsync(lookup), s => s.Stage == "decision", Convergence, "B answers the merged stage");
        Assert.Equal(merge.ProfileId, converged.ProfileId);
        Assert.Equal(merge.ProfileId, (await B.Channel.GetStageAsync(ByProfileId(customer.ProfileId))).ProfileId);
    }

    [Fact]
    public async Task A_stage_move_on_instance_a_is_answered_by_b_within_a_second()
    {
        var p = TestIds.NewPrefix();
        var email = Id("email", $"{p}@example.com");
        await A.Channel.IngestAsync(Event("web", $"{p}-1", DateTimeOffset.UtcNow.AddHours(-2), "product_viewed", email));
        // The invalidation A published for that ingest can reach B after B's first lookup filled its
        // L1 and drop it again; B is ready once a lookup is answered from its memory.
        await Eventually.UntilAsync(() => B.Channel.GetStageAsync(ByIdentifier("email", email.Value)), s => s.ServedFrom == ServedFrom.Memory, Convergence, "B answers from its memory");

        await A.Channel.IngestAsync(Event("web", $"{p}-2", DateTimeOffset.UtcNow.AddHours(-1), "checkout_started", email));

        await Eventually.UntilAsync(() => B.Channel.GetStageAsync(ByIdentifier("email", email.Value)), s => s.Stage == "decision", Convergence, "B answers the new stage");
    }

    [Fact]
    public async Task Without_redis_a_replica_keeps_its_stale_cached_stage_which_is_why_invalidation_matters()
    {
        await using var isolated = await ProfileHubServerProcess.StartAsync(databasePath: A.DatabasePath);
        var p = TestIds.NewPrefix();
        var email = Id("email", $"{p}@example.com");
        await A.Channel.IngestAsync(Event("web", $"{p}-1", DateTimeOffset.UtcNow.AddHours(-2), "product_viewed", email));
        await isolated.Channel.GetStageAsync(ByIdentifier("email", email.Value));

        await A.Channel.IngestAsync(Event("web", $"{p}-2", DateTimeOffset.UtcNow.AddHours(-1), "checkout_started", email));
        await Eventually.UntilAsync(() => B.Channel.GetStageAsync(ByIdentifier("email", email.Value)), s => s.Stage == "decision", Convergence, "B (with Redis) answers the new stage");

        // Same store, same moment, but no invalidation reaches it: its L1 (30 s TTL) still answers the old stage.
        var stale = await isolated.Channel.GetStageAsync(ByIdentifier("email", email.Value));
        Assert.Equal("consideration", stale.Stage);
        Assert.Equal(ServedFrom.Memory, stale.ServedFrom);
    }

    [Fact]
    public async Task With_memory_off_an_instance_is_served_from_redis_after_another_instance_populated_it()
    {
        var p = TestIds.NewPrefix();
        var email = Id("email", $"{p}@example.com");
        await A.Channel.IngestAsync(Event("web", $"{p}-1", DateTimeOffset.UtcNow.AddHours(-2), "product_viewed", email));
        Assert.Equal(ServedFrom.Store, (await A.Channel.GetStageAsync(ByIdentifier("email", email.Value))).ServedFrom);

        var fromRedis = await _readerWithoutMemory!.Channel.GetStageAsync(ByIdentifier("email", email.Value));
        var again = await _readerWithoutMemory.Channel.GetStageAsync(ByIdentifier("email", email.Value));

        Assert.Equal(ServedFrom.Redis, fromRedis.ServedFrom);
        Assert.Equal(ServedFrom.Redis, again.ServedFrom);
        Assert.Equal("consideration", fromRedis.Stage);
    }
}

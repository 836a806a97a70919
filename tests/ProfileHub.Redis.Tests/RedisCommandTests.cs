using System.Text;
using ProfileHub.Redis.Tests.Infrastructure;

namespace ProfileHub.Redis.Tests;

public sealed class RedisCommandTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>, IAsyncLifetime
{
    private RedisConnection _connection = null!;

    public async Task InitializeAsync() => _connection = await redis.ConnectAsync();

    public async Task DisposeAsync() => await _connection.DisposeAsync();

    private static string NewKey() => "test:" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Ping_answers()
    {
        var latency = await _connection.PingAsync();
        Assert.True(latency > TimeSpan.Zero);
        Assert.True(_connection.IsConnected);
    }

    [Fact]
    public async Task Get_returns_what_set_stored_and_null_for_a_missing_key()
    {
        var key = NewKey();
        Assert.Null(await _connection.GetAsync(key));
        Assert.True(await _connection.SetAsync(key, "héllo"));
        Assert.Equal("héllo", await _connection.GetStringAsync(key));
        Assert.Equal(Encoding.UTF8.GetBytes("héllo"), await _connection.GetAsync(key));
    }

    [Fact]
    public async Task Set_with_seconds_uses_ex_and_with_milliseconds_uses_px()
    {
        var seconds = NewKey();
        var millis = NewKey();
        await _connection.SetAsync(seconds, "v", TimeSpan.FromSeconds(100));
        await _connection.SetAsync(millis, "v", TimeSpan.FromMilliseconds(50_500));

        var secondsTtl = (await _connection.ExecuteAsync("PTTL", [seconds])).Number;
        var millisTtl = (await _connection.ExecuteAsync("PTTL", [millis])).Number;
        Assert.InRange(secondsTtl, 95_000, 100_000);
        Assert.InRange(millisTtl, 45_000, 50_500);
    }

    [Fact]
    public async Task Set_not_exists_and_exists_conditions_are_honoured()
    {
        var key = NewKey();
        Assert.False(await _connection.SetAsync(key, "x", condition: RedisSetCondition.Exists));
        Assert.True(await _connection.SetAsync(key, "first", condition: RedisSetCondition.NotExists));
        Assert.False(await _connection.SetAsync(key, "second", condition: RedisSetCondition.NotExists));
        Assert.True(await _connection.SetAsync(key, "third", condition: RedisSetCondition.Exists));
        Assert.Equal("third", await _connection.GetStringAsync(key));
    }

    [Fact]
    public async Task MGet_returns_values_in_key_order_with_nulls_for_missing_keys()
    {
        var a = NewKey();
        var b = NewKey();
        await _connection.SetAsync(a, "A");
        await _connection.SetAsync(b, "B");

        var values = await _connection.MGetAsync([a, NewKey(), b]);

        Assert.Equal(3, values.Length);
        Assert.Equal("A", Encoding.UTF8.GetString(values[0]!));
        Assert.Null(values[1]);
        Assert.Equal("B", Encoding.UTF8.GetString(values[2]!));
    }

    [Fact]
    public async Task Del_removes_several_keys_and_counts_the_ones_that_existed()
    {
        var a = NewKey();
        var b = NewKey();
        await _connection.SetAsync(a, "1");
        await _connection.SetAsync(b, "2");

        Assert.Equal(2, await _connection.DelAsync([a, b, NewKey()]));
        Assert.False(await _connection.DelAsync(a));
        Assert.Null(await _connection.GetAsync(b));
    }

    [Fact]
    public async Task Expire_and_pexpire_set_a_ttl_only_on_existing_keys()
    {
        var key = NewKey();
        Assert.False(await _connection.ExpireAsync(key, TimeSpan.FromSeconds(10)));
        await _connection.SetAsync(key, "v");
        Assert.True(await _connection.ExpireAsync(key, TimeSpan.FromSeconds(10)));
        Assert.InRange((await _connection.ExecuteAsync("PTTL", [key])).Number, 5_000, 10_000);
        Assert.True(await _connection.PExpireAsync(key, TimeSpan.FromMilliseconds(1500)));
        Assert.InRange((await _connection.ExecuteAsync("PTTL", [key])).Number, 500, 1500);
    }

    [Fact]
    public async Task Incr_counts_up_from_zero()
    {
        var key = NewKey();
        Assert.Equal(1, await _connection.IncrAsync(key));
        Assert.Equal(2, await _connection.IncrAsync(key));
    }

    [Fact]
    public async Task Publish_reports_the_number_of_receivers()
    {
        Assert.Equal(0, await _connection.PublishAsync("nobody-listens-" + Guid.NewGuid(), "hi"));
    }

    [Fact]
    public async Task Eval_and_evalsha_run_lua_with_keys_and_args()
    {
        var key = NewKey();
        var script = new RedisScript("redis.call('SET', KEYS[1], ARGV[1]); return redis.call('GET', KEYS[1])");

        var viaEval = await _connection.EvalAsync(script.Source, [key], [Encoding.UTF8.GetBytes("one")]);
        var viaSha = await _connection.EvalShaAsync(script.Sha1, [key], [Encoding.UTF8.GetBytes("two")]);

        Assert.Equal("one", viaEval.AsString());
        Assert.Equal("two", viaSha.AsString());
    }

    [Fact]
    public async Task Script_falls_back_to_eval_when_the_server_answers_noscript()
    {
        var script = new RedisScript("return 'fallback-" + Guid.NewGuid().ToString("N") + "'");
        var unknown = await Assert.ThrowsAsync<RedisServerException>(() => _connection.EvalShaAsync(script.Sha1, [], []));
        Assert.Equal("NOSCRIPT", unknown.Prefix);

        var reply = await _connection.EvalAsync(script, [], []);

        Assert.StartsWith("fallback-", reply.AsString(), StringComparison.Ordinal);
        Assert.Equal(reply.AsString(), (await _connection.EvalShaAsync(script.Sha1, [], [])).AsString());
    }

    [Fact]
    public async Task Execute_returns_nested_array_and_integer_replies()
    {
        var key = NewKey();
        Assert.Equal(3, (await _connection.ExecuteAsync("RPUSH", [key, "a", "b", "c"])).Number);

        var range = await _connection.ExecuteAsync("LRANGE", [key, "0", "-1"]);

        Assert.Equal(RedisReplyKind.Array, range.Kind);
        Assert.Equal(["a", "b", "c"], range.Elements.Select(e => e.AsString()));
        var nested = await _connection.EvalAsync("return {1, {'x', false}, 'y'}", [], []);
        Assert.Equal(1, nested.Elements[0].Number);
        Assert.Equal("x", nested.Elements[1].Elements[0].AsString());
        Assert.True(nested.Elements[1].Elements[1].IsNull);
    }

    [Fact]
    public async Task Error_replies_surface_as_typed_server_exceptions_and_the_connection_stays_usable()
    {
        var key = NewKey();
        await _connection.ExecuteAsync("RPUSH", [key, "a"]);

        var wrongType = await Assert.ThrowsAsync<RedisServerException>(() => _connection.GetAsync(key));
        var unknown = await Assert.ThrowsAsync<RedisServerException>(() => _connection.ExecuteAsync("NOSUCHCOMMAND", []));
        var fromScript = await Assert.ThrowsAsync<RedisServerException>(() => _connection.EvalAsync("return redis.error_reply('MYERR custom')", [], []));

        Assert.Equal("WRONGTYPE", wrongType.Prefix);
        Assert.Equal("ERR", unknown.Prefix);
        Assert.Equal("MYERR", fromScript.Prefix);
        Assert.True(await _connection.SetAsync(NewKey(), "still fine"));
    }

    [Fact]
    public async Task A_five_megabyte_value_round_trips_intact()
    {
        var key = NewKey();
        var value = new byte[5 * 1024 * 1024];
        new Random(42).NextBytes(value);

        await _connection.SetAsync(key, value);
        var read = await _connection.GetAsync(key);

        Assert.Equal(value, read);
    }

    [Fact]
    public async Task Keys_and_values_are_binary_safe_for_all_256_byte_values()
    {
        var everyByte = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        var key = everyByte.Concat(Guid.NewGuid().ToByteArray()).ToArray();

        await _connection.SetAsync(key, everyByte);

        Assert.Equal(everyByte, await _connection.GetAsync(key));
        Assert.Equal(everyByte, (await _connection.MGetAsync([(ReadOnlyMemory<byte>)key]))[0]);
        Assert.Equal(1, await _connection.DelAsync([(ReadOnlyMemory<byte>)key]));
    }

    [Fact]
    public async Task Empty_value_is_distinct_from_a_missing_key()
    {
        var key = NewKey();
        await _connection.SetAsync(key, ReadOnlyMemory<byte>.Empty);
        var stored = await _connection.GetAsync(key);
        Assert.NotNull(stored);
        Assert.Empty(stored);
    }

    [Fact]
    public async Task A_cancelled_caller_does_not_desynchronise_the_pipeline()
    {
        var slowKey = NewKey();
        var nextKey = NewKey();
        await _connection.SetAsync(nextKey, "next");
        var paused = await redis.ConnectAsync();
        await paused.ExecuteAsync("CLIENT", ["PAUSE", "300", "ALL"]);
        using var cancel = new CancellationTokenSource();

        var cancelled = _connection.SetAsync(slowKey, "slow", cancellationToken: cancel.Token);
        var following = _connection.GetStringAsync(nextKey);
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal("next", await following);
        Assert.Equal("slow", await _connection.GetStringAsync(slowKey));
        await paused.DisposeAsync();
    }

    [Fact]
    public async Task An_already_cancelled_token_sends_nothing()
    {
        var key = NewKey();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _connection.SetAsync(key, "v", cancellationToken: new CancellationToken(true)));
        Assert.Null(await _connection.GetAsync(key));
    }

    [Fact]
    public async Task Two_hundred_concurrent_callers_each_get_their_own_replies()
    {
        const int callers = 200;
        const int commandsPerCaller = 200;
        var prefix = NewKey();

        var failures = await Task.WhenAll(Enumerable.Range(0, callers).Select(caller => Task.Run(async () =>
        {
            var mismatches = 0;
            var inFlight = new List<(int Index, Task<byte[]?> Get)>();
            for (var i = 0; i < commandsPerCaller; i++)
            {
                var key = $"{prefix}:{caller}:{i}";
                _ = _connection.SetAsync(key, $"{caller}/{i}");
                inFlight.Add((i, _connection.GetAsync(key)));
            }

            foreach (var (index, get) in inFlight)
            {
                var value = await get;
                if (value is null || Encoding.UTF8.GetString(value) != $"{caller}/{index}")
                {
                    mismatches++;
                }
            }

            var counter = $"{prefix}:counter:{caller}";
            var increments = await Task.WhenAll(Enumerable.Range(0, commandsPerCaller).Select(_ => _connection.IncrAsync(counter)));
            if (!increments.Order().SequenceEqual(Enumerable.Range(1, commandsPerCaller).Select(n => (long)n)))
            {
                mismatches++;
            }

            return mismatches;
        })));

        Assert.All(failures, count => Assert.Equal(0, count));
    }

    [Theory]
    [InlineData("SUBSCRIBE")]
    [InlineData("monitor")]
    public async Task Commands_that_would_switch_the_shared_connection_mode_are_refused(string command)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _connection.ExecuteAsync(command, ["x"]));
        await _connection.PingAsync();
    }
}

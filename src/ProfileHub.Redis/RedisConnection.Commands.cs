using System.Diagnostics;
using System.Text;
using ProfileHub.Redis.Internal;

namespace ProfileHub.Redis;

/// <summary>The typed commands of <see cref="RedisConnection"/>. String keys and values are sent as UTF-8.</summary>
public sealed partial class RedisConnection
{
    /// <summary><c>PING</c>: checks the server answers.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The round-trip time.</returns>
    public async Task<TimeSpan> PingAsync(CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        await Send(RedisCommandName.Ping, RedisReplyConverters.Reply, cancellationToken);
        return Stopwatch.GetElapsedTime(started);
    }

    /// <summary><c>GET key</c>.</summary>
    /// <param name="key">The key (prefix added).</param>
    /// <param name="cancellationToken">Cancels the wait (the reply is still consumed and dropped).</param>
    /// <returns>The value, or null when the key does not exist.</returns>
    public Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken = default) =>
        Send(RedisCommandName.Get, RedisReplyConverters.Bytes, cancellationToken, RedisArg.Key(key));

    /// <summary><c>GET key</c> with a binary key.</summary>
    /// <param name="key">The key (prefix added).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The value, or null when the key does not exist.</returns>
    public Task<byte[]?> GetAsync(ReadOnlyMemory<byte> key, CancellationToken cancellationToken = default) =>
        Send(RedisCommandName.Get, RedisReplyConverters.Bytes, cancellationToken, RedisArg.Key(key));

    /// <summary><c>GET key</c>, decoding the value as UTF-8.</summary>
    /// <param name="key">The key (prefix added).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The value, or null when the key does not exist.</returns>
    public async Task<string?> GetStringAsync(string key, CancellationToken cancellationToken = default)
    {
        var value = await GetAsync(key, cancellationToken);
        return value is null ? null : Encoding.UTF8.GetString(value);
    }

    /// <summary><c>SET key value [EX s|PX ms] [NX|XX]</c>.</summary>
    /// <param name="key">The key (prefix added).</param>
    /// <param name="value">The value.</param>
    /// <param name="expiry">Time to live; whole seconds are sent as <c>EX</c>, anything finer as <c>PX</c>.</param>
    /// <param name="condition">Write always, only if absent (<c>NX</c>) or only if present (<c>XX</c>).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>True when the value was written; false when the condition was not met.</returns>
    public Task<bool> SetAsync(string key, ReadOnlyMemory<byte> value, TimeSpan? expiry = null, RedisSetCondition condition = RedisSetCondition.Always, CancellationToken cancellationToken = default) =>
        SetCore(RedisArg.Key(key), RedisArg.Value(value), expiry, condition, cancellationToken);

    /// <summary><c>SET</c> with a binary key.</summary>
    /// <param name="key">The key (prefix added).</param>
    /// <param name="value">The value.</param>
    /// <param name="expiry">Time to live (<c>EX</c>/<c>PX</c>).</param>
    /// <param name="condition">Write condition (<c>NX</c>/<c>XX</c>).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>True when the value was written.</returns>
    public Task<bool> SetAsync(ReadOnlyMemory<byte> key, ReadOnlyMemory<byte> value, TimeSpan? expiry = null, RedisSetCondition condition = RedisSetCondition.Always, CancellationToken cancellationToken = default) =>
        SetCore(RedisArg.Key(key), RedisArg.Value(value), expiry, condition, cancellationToken);

    /// <summary><c>SET</c> with a text value sent as UTF-8.</summary>
    /// <param name="key">The key (prefix added).</param>
    /// <param name="value">The value.</param>
    /// <param name="expiry">Time to live (<c>EX</c>/<c>PX</c>).</param>
    /// <param name="condition">Write condition (<c>NX</c>/<c>XX</c>).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>True when the value was written.</returns>
    public Task<bool> SetAsync(string key, string value, TimeSpan? expiry = null, RedisSetCondition condition = RedisSetCondition.Always, CancellationToken cancellationToken = default) =>
        SetCore(RedisArg.Key(key), RedisArg.Value(value), expiry, condition, cancellationToken);

    /// <summary><c>MGET key…</c>.</summary>
    /// <param name="keys">The keys (prefix added to each).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>One value per key, null where the key does not exist.</returns>
    public Task<byte[]?[]> MGetAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken = default) =>
        Send(RedisCommandName.MGet, RedisReplyConverters.BytesArray, cancellationToken, ToKeyArgs(keys));

    /// <summary><c>MGET</c> with binary keys.</summary>
    /// <param name="keys">The keys (prefix added to each).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>One value per key, null where the key does not exist.</returns>
    public Task<byte[]?[]> MGetAsync(IReadOnlyList<ReadOnlyMemory<byte>> keys, CancellationToken cancellationToken = default) =>
        Send(RedisCommandName.MGet, RedisReplyConverters.BytesArray, cancellationToken, ToKeyArgs(keys));

    /// <summary><c>DEL key</c>.</summary>
    /// <param name="key">The key (prefix added).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>True when the key existed.</returns>
    public Task<bool> DelAsync(string key, CancellationToken cancellationToken = default) =>
        Send(RedisCommandName.Del, RedisReplyConverters.IntegerIsOne, cancellationToken, RedisArg.Key(key));

    /// <summary><c>DEL key…</c>.</summary>
    /// <param name="keys">The keys (prefix added to each).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>How many of the keys existed.</returns>
    public Task<long> DelAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken = default) =>
        Send(RedisCommandName.Del, RedisReplyConverters.Integer, cancellationToken, ToKeyArgs(keys));

    /// <summary><c>DEL</c> with binary keys.</summary>
    /// <param name="keys">The keys (prefix added to each).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>How many of the keys existed.</returns>
    public Task<long> DelAsync(IReadOnlyList<ReadOnlyMemory<byte>> keys, CancellationToken cancellationToken = default) =>
        Send(RedisCommandName.Del, RedisReplyConverters.Integer, cancellationToken, ToKeyArgs(keys));

    /// <summary><c>EXPIRE key seconds</c>.</summary>
    /// <param name="key">The key (prefix added).</param>
    /// <param name="ttl">Time to live, whole seconds (at least one).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>True when the key exists and the expiry was set.</returns>
    public Task<bool> ExpireAsync(string key, TimeSpan ttl, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ttl, TimeSpan.FromSeconds(1));
        return Send(RedisCommandName.Expire, RedisReplyConverters.IntegerIsOne, cancellationToken, RedisArg.Key(key), RedisArg.Value((long)ttl.TotalSeconds));
    }

    /// <summary><c>PEXPIRE key milliseconds</c>.</summary>
    /// <param name="key">The key (prefix added).</param>
    /// <param name="ttl">Time to live, whole milliseconds (at least one).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>True when the key exists and the expiry was set.</returns>
    public Task<bool> PExpireAsync(string key, TimeSpan ttl, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ttl, TimeSpan.FromMilliseconds(1));
        return Send(RedisCommandName.PExpire, RedisReplyConverters.IntegerIsOne, cancellationToken, RedisArg.Key(key), RedisArg.Value((long)ttl.TotalMilliseconds));
    }

    /// <summary><c>INCR key</c>.</summary>
    /// <param name="key">The key (prefix added).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The value after the increment.</returns>
    public Task<long> IncrAsync(string key, CancellationToken cancellationToken = default) =>
        Send(RedisCommandName.Incr, RedisReplyConverters.Integer, cancellationToken, RedisArg.Key(key));

    /// <summary><c>PUBLISH channel message</c>.</summary>
    /// <param name="channel">The channel (key prefix added, as <see cref="RedisSubscriber"/> does).</param>
    /// <param name="message">The payload.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>How many subscribers received the message.</returns>
    public Task<long> PublishAsync(string channel, ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default) =>
        Send(RedisCommandName.Publish, RedisReplyConverters.Integer, cancellationToken, RedisArg.Key(channel), RedisArg.Value(message));

    /// <summary><c>PUBLISH</c> with a text payload sent as UTF-8.</summary>
    /// <param name="channel">The channel (key prefix added).</param>
    /// <param name="message">The payload.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>How many subscribers received the message.</returns>
    public Task<long> PublishAsync(string channel, string message, CancellationToken cancellationToken = default) =>
        Send(RedisCommandName.Publish, RedisReplyConverters.Integer, cancellationToken, RedisArg.Key(channel), RedisArg.Value(message));

    /// <summary><c>EVAL script numkeys key… arg…</c>.</summary>
    /// <param name="script">Lua source.</param>
    /// <param name="keys">Keys (prefix added to each), visible to the script as KEYS.</param>
    /// <param name="args">Arguments, visible to the script as ARGV.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The script's reply.</returns>
    public Task<RedisReply> EvalAsync(string script, IReadOnlyList<string> keys, IReadOnlyList<ReadOnlyMemory<byte>> args, CancellationToken cancellationToken = default) =>
        Send(RedisCommandName.Eval, RedisReplyConverters.Reply, cancellationToken, ToScriptArgs(RedisArg.Value(script), keys, args));

    /// <summary><c>EVALSHA sha1 numkeys key… arg…</c>; fails with <c>NOSCRIPT</c> when the server does not know the script.</summary>
    /// <param name="sha1">Hex SHA1 of a loaded script.</param>
    /// <param name="keys">Keys (prefix added to each).</param>
    /// <param name="args">Arguments.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The script's reply.</returns>
    public Task<RedisReply> EvalShaAsync(string sha1, IReadOnlyList<string> keys, IReadOnlyList<ReadOnlyMemory<byte>> args, CancellationToken cancellationToken = default) =>
        Send(RedisCommandName.EvalSha, RedisReplyConverters.Reply, cancellationToken, ToScriptArgs(RedisArg.Value(sha1), keys, args));

    /// <summary>Runs a script by SHA1, sending its source with <c>EVAL</c> only when the server answers <c>NOSCRIPT</c>.</summary>
    /// <param name="script">The script.</param>
    /// <param name="keys">Keys (prefix added to each).</param>
    /// <param name="args">Arguments.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The script's reply.</returns>
    public Task<RedisReply> EvalAsync(RedisScript script, IReadOnlyList<string> keys, IReadOnlyList<ReadOnlyMemory<byte>> args, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(script);
        return EvalScriptAsync(script, ToScriptArgs(RedisArg.Value(script.Sha1), keys, args), Configuration.SyncTimeout, cancellationToken);
    }

    /// <summary>
    /// Sends any command. Arguments are sent as given: the key prefix is NOT applied, because the
    /// client cannot know which arguments are keys. Commands that would change the mode of the
    /// shared connection (SUBSCRIBE, MONITOR, …) are refused: use <see cref="RedisSubscriber"/>.
    /// Blocking commands (BLPOP, …) hold up every caller behind them on the pipeline: avoid them.
    /// </summary>
    /// <param name="command">Command name, e.g. <c>HSET</c> or <c>CLIENT</c>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <param name="args">Binary arguments.</param>
    /// <returns>The raw reply; an error reply is thrown as <see cref="RedisServerException"/>.</returns>
    public Task<RedisReply> ExecuteAsync(string command, CancellationToken cancellationToken, params ReadOnlyMemory<byte>[] args)
    {
        EnsureSharedConnectionSafe(command);
        ArgumentNullException.ThrowIfNull(args);
        var encoded = new RedisArg[args.Length];
        for (var i = 0; i < args.Length; i++)
        {
            encoded[i] = RedisArg.Value(args[i]);
        }

        return Send(new RedisCommandName(command), RedisReplyConverters.Reply, cancellationToken, encoded);
    }

    /// <summary>Sends any command with text arguments (UTF-8). The key prefix is NOT applied.</summary>
    /// <param name="command">Command name.</param>
    /// <param name="args">Text arguments.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The raw reply; an error reply is thrown as <see cref="RedisServerException"/>.</returns>
    public Task<RedisReply> ExecuteAsync(string command, IReadOnlyList<string> args, CancellationToken cancellationToken = default)
    {
        EnsureSharedConnectionSafe(command);
        ArgumentNullException.ThrowIfNull(args);
        var encoded = new RedisArg[args.Count];
        for (var i = 0; i < encoded.Length; i++)
        {
            encoded[i] = RedisArg.Value(args[i]);
        }

        return Send(new RedisCommandName(command), RedisReplyConverters.Reply, cancellationToken, encoded);
    }

    /// <summary>EVALSHA with EVAL fallback; <paramref name="args"/>[0] holds the SHA1 and is swapped for the source on NOSCRIPT.</summary>
    internal async Task<RedisReply> EvalScriptAsync(RedisScript script, RedisArg[] args, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await Send(RedisCommandName.EvalSha, RedisReplyConverters.Reply, timeout, cancellationToken, args);
        }
        catch (RedisServerException ex) when (ex.Prefix == "NOSCRIPT")
        {
            args[0] = RedisArg.Value(script.Source);
            return await Send(RedisCommandName.Eval, RedisReplyConverters.Reply, timeout, cancellationToken, args);
        }
    }

    private static void EnsureSharedConnectionSafe(string command)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        if (command.Trim().ToUpperInvariant() is "SUBSCRIBE" or "PSUBSCRIBE" or "SSUBSCRIBE" or "MONITOR" or "RESET" or "HELLO" or "QUIT")
        {
            throw new ArgumentException(
                $"{command} would change the protocol state of the shared, pipelined connection; use RedisSubscriber for pub/sub.", nameof(command));
        }
    }

    private Task<bool> SetCore(RedisArg key, RedisArg value, TimeSpan? expiry, RedisSetCondition condition, CancellationToken cancellationToken)
    {
        var buffer = default(RedisArgBuffer);
        Span<RedisArg> args = buffer;
        args[0] = key;
        args[1] = value;
        var count = 2;
        if (expiry is { } ttl)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(ttl, TimeSpan.FromMilliseconds(1), nameof(expiry));
            var wholeSeconds = ttl.Ticks % TimeSpan.TicksPerSecond == 0;
            args[count++] = RedisArg.Value(wholeSeconds ? "EX" : "PX");
            args[count++] = RedisArg.Value(wholeSeconds ? (long)ttl.TotalSeconds : (long)ttl.TotalMilliseconds);
        }

        if (condition != RedisSetCondition.Always)
        {
            args[count++] = RedisArg.Value(condition == RedisSetCondition.NotExists ? "NX" : "XX");
        }

        return Send(RedisCommandName.Set, RedisReplyConverters.Ok, cancellationToken, args[..count]);
    }

    private static RedisArg[] ToKeyArgs(IReadOnlyList<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentOutOfRangeException.ThrowIfZero(keys.Count, nameof(keys));
        var args = new RedisArg[keys.Count];
        for (var i = 0; i < args.Length; i++)
        {
            args[i] = RedisArg.Key(keys[i]);
        }

        return args;
    }

    private static RedisArg[] ToKeyArgs(IReadOnlyList<ReadOnlyMemory<byte>> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentOutOfRangeException.ThrowIfZero(keys.Count, nameof(keys));
        var args = new RedisArg[keys.Count];
        for (var i = 0; i < args.Length; i++)
        {
            args[i] = RedisArg.Key(keys[i]);
        }

        return args;
    }

    private static RedisArg[] ToScriptArgs(RedisArg scriptOrSha, IReadOnlyList<string> keys, IReadOnlyList<ReadOnlyMemory<byte>> args)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(args);
        var all = new RedisArg[2 + keys.Count + args.Count];
        all[0] = scriptOrSha;
        all[1] = RedisArg.Value(keys.Count);
        for (var i = 0; i < keys.Count; i++)
        {
            all[2 + i] = RedisArg.Key(keys[i]);
        }

        for (var i = 0; i < args.Count; i++)
        {
            all[2 + keys.Count + i] = RedisArg.Value(args[i]);
        }

        return all;
    }
}

namespace ProfileHub.Redis.Caching;

/// <summary>The Lua scripts behind the stale-write guard in Redis.</summary>
internal static class CacheScripts
{
    /// <summary>
    /// KEYS[1] value key, KEYS[2] generation key; ARGV[1] value, ARGV[2] generation seen before
    /// the load ('' when there was none), ARGV[3] TTL in ms. Writes only when no invalidation
    /// happened in between.
    /// </summary>
    public static readonly RedisScript SetIfGeneration = new("""
        local current = redis.call('GET', KEYS[2])
        if (current or '') ~= ARGV[2] then return 0 end
        redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
        return 1
        """);

    /// <summary>
    /// KEYS pairs of (value key, generation key); ARGV[1] generation TTL in ms. Deletes each
    /// value and bumps its generation so loads already in progress cannot write it back.
    /// </summary>
    public static readonly RedisScript Invalidate = new("""
        for i = 1, #KEYS, 2 do
          redis.call('DEL', KEYS[i])
          redis.call('INCR', KEYS[i + 1])
          redis.call('PEXPIRE', KEYS[i + 1], ARGV[1])
        end
        return #KEYS / 2
        """);
}

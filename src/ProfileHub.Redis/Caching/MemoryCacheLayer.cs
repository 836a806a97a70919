using System.Collections.Concurrent;

namespace ProfileHub.Redis.Caching;

/// <summary>
/// The in-process L1 cache: bounded by entry count and by bytes, with per-entry TTL and CLOCK
/// (second-chance) eviction, an approximation of LRU that costs a reader one flag write.
/// Reads take no lock. Also keeps per-key generation counters (striped) so that a value loaded
/// before an invalidation is never inserted after it.
/// </summary>
public sealed class MemoryCacheLayer
{
    // Key and entry object overhead counted against the byte budget, so tiny values cannot hide
    // an unbounded number of keys.
    private const int EntryOverheadBytes = 96;
    private const int GenerationStripes = 4096;

    private readonly ConcurrentDictionary<string, Entry> _entries;
    private readonly ConcurrentDictionary<string, Entry>.AlternateLookup<ReadOnlySpan<char>> _entriesByChars;
    private readonly ConcurrentQueue<Entry> _clock = new();
    private readonly long[] _generations = new long[GenerationStripes];
    private readonly Lock _evictionLock = new();
    private readonly int _maxEntries;
    private readonly long _maxBytes;
    private int _count;
    private long _bytes;

    /// <summary>Creates an L1 layer; a limit of zero disables it (nothing is stored).</summary>
    /// <param name="maxEntries">Most entries kept.</param>
    /// <param name="maxBytes">Most bytes kept (values, keys and per-entry overhead).</param>
    public MemoryCacheLayer(int maxEntries, long maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxEntries);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        _maxEntries = maxEntries;
        _maxBytes = maxBytes;
        _entries = new ConcurrentDictionary<string, Entry>(StringComparer.Ordinal);
        _entriesByChars = _entries.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>False when configured with a zero limit.</summary>
    public bool IsEnabled => _maxEntries > 0 && _maxBytes > 0;

    /// <summary>Entries currently held.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Bytes currently accounted (values, keys and overhead).</summary>
    public long SizeBytes => Interlocked.Read(ref _bytes);

    /// <summary>Looks a key up; expired entries are dropped and reported as missing.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The cached bytes.</param>
    /// <returns>True on a hit.</returns>
    public bool TryGet(string key, out byte[] value) => TryGet(key.AsSpan(), out value, out _);

    /// <summary>
    /// Looks a key given as characters up (no key string needed), returning the entry's attachment
    /// too (see <see cref="TryAttach"/>); expired entries are dropped and reported as missing.
    /// </summary>
    /// <param name="key">The key's characters.</param>
    /// <param name="value">The cached bytes.</param>
    /// <param name="attachment">What was attached to this very entry, or null.</param>
    /// <returns>True on a hit.</returns>
    public bool TryGet(ReadOnlySpan<char> key, out byte[] value, out object? attachment)
    {
        if (_entriesByChars.TryGetValue(key, out var entry))
        {
            if (Environment.TickCount64 < entry.ExpiresAt)
            {
                if (!entry.Referenced)
                {
                    entry.Referenced = true;
                }

                value = entry.Value;
                attachment = entry.Attachment;
                return true;
            }

            RemoveEntry(entry);
        }

        value = [];
        attachment = null;
        return false;
    }

    /// <summary>
    /// Attaches an object derived from a cached value (a decoded form, a ready answer) to the entry
    /// that holds exactly <paramref name="value"/> (the same array). The attachment lives and dies
    /// with that entry: replacing, invalidating, evicting or expiring the entry drops it, so it can
    /// never outlive the bytes it was derived from. Its size counts against the byte budget while
    /// it is attached.
    /// </summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The array the attachment was derived from.</param>
    /// <param name="attachment">The object to attach (replaces an earlier one).</param>
    /// <param name="attachmentBytes">The memory the attachment holds, counted against the byte budget.</param>
    /// <returns>False when the key no longer holds that array (nothing is attached then).</returns>
    public bool TryAttach(string key, byte[] value, object attachment, long attachmentBytes)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(attachment);
        ArgumentOutOfRangeException.ThrowIfNegative(attachmentBytes);
        if (!_entries.TryGetValue(key, out var entry) || !ReferenceEquals(entry.Value, value) || Environment.TickCount64 >= entry.ExpiresAt)
        {
            return false;
        }

        // Under the entry's lock, so that the entry's removal subtracts exactly what was added.
        lock (entry)
        {
            if (entry.Removed)
            {
                return false;
            }

            Interlocked.Add(ref _bytes, attachmentBytes - entry.AttachmentBytes);
            entry.AttachmentBytes = attachmentBytes;
            entry.Attachment = attachment;
        }

        if (Interlocked.Read(ref _bytes) > _maxBytes)
        {
            Evict();
        }

        return true;
    }

    /// <summary>The generation of <paramref name="key"/>; take it before loading, pass it to <see cref="SetIfGeneration"/>.</summary>
    /// <param name="key">The key.</param>
    /// <returns>An opaque generation number.</returns>
    public long GetGeneration(string key) => Volatile.Read(ref _generations[Stripe(key)]);

    /// <summary>
    /// Stores <paramref name="value"/> unless <paramref name="key"/> was invalidated since
    /// <paramref name="generation"/> was taken.
    /// </summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The bytes (kept, not copied).</param>
    /// <param name="ttl">Time to live.</param>
    /// <param name="generation">The value <see cref="GetGeneration"/> returned before the load.</param>
    /// <returns>True when the value is now cached.</returns>
    public bool SetIfGeneration(string key, byte[] value, TimeSpan ttl, long generation)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        if (!IsEnabled || GetGeneration(key) != generation)
        {
            return false;
        }

        var entry = new Entry(key, value, Environment.TickCount64 + (long)ttl.TotalMilliseconds, EntryOverheadBytes + value.Length + (key.Length * 2));
        if (entry.Size > _maxBytes)
        {
            return false;
        }

        Insert(entry);

        // Invalidate bumps the generation before removing; checking again after inserting closes the
        // window where an invalidation ran between the first check and the insert.
        if (GetGeneration(key) != generation)
        {
            RemoveEntry(entry);
            return false;
        }

        if (Volatile.Read(ref _count) > _maxEntries || Interlocked.Read(ref _bytes) > _maxBytes || _clock.Count > (2 * _maxEntries) + 1024)
        {
            Evict();
        }

        return true;
    }

    /// <summary>Stores a value unconditionally.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The bytes (kept, not copied).</param>
    /// <param name="ttl">Time to live.</param>
    public void Set(string key, byte[] value, TimeSpan ttl) => SetIfGeneration(key, value, ttl, GetGeneration(key));

    /// <summary>Drops <paramref name="key"/> and makes every load of it that is in progress unable to store its result.</summary>
    /// <param name="key">The key.</param>
    public void Invalidate(string key)
    {
        Interlocked.Increment(ref _generations[Stripe(key)]);
        if (_entries.TryRemove(key, out var removed))
        {
            Account(removed, -1);
        }
    }

    /// <summary>Drops everything and invalidates every load in progress.</summary>
    public void Clear()
    {
        for (var i = 0; i < _generations.Length; i++)
        {
            Interlocked.Increment(ref _generations[i]);
        }

        foreach (var entry in _entries.Values)
        {
            RemoveEntry(entry);
        }
    }

    private static int Stripe(string key) => (key.GetHashCode(StringComparison.Ordinal) & int.MaxValue) % GenerationStripes;

    private void Insert(Entry entry)
    {
        while (true)
        {
            if (_entries.TryGetValue(entry.Key, out var existing))
            {
                if (_entries.TryUpdate(entry.Key, entry, existing))
                {
                    Interlocked.Add(ref _bytes, entry.Size);
                    Release(existing);
                    break;
                }
            }
            else if (_entries.TryAdd(entry.Key, entry))
            {
                Account(entry, +1);
                break;
            }
        }

        _clock.Enqueue(entry);
    }

    private void RemoveEntry(Entry entry)
    {
        if (_entries.TryRemove(new KeyValuePair<string, Entry>(entry.Key, entry)))
        {
            Account(entry, -1);
        }
    }

    private void Account(Entry entry, int direction)
    {
        Interlocked.Add(ref _count, direction);
        if (direction > 0)
        {
            Interlocked.Add(ref _bytes, entry.Size);
        }
        else
        {
            Release(entry);
        }
    }

    // An entry leaves the layer once: its bytes and its attachment's bytes are given back together.
    private void Release(Entry entry)
    {
        lock (entry)
        {
            entry.Removed = true;
            Interlocked.Add(ref _bytes, -(entry.Size + entry.AttachmentBytes));
        }
    }

    private void Evict()
    {
        // One evicting thread is enough; others carry on and the limit is restored shortly.
        if (!_evictionLock.TryEnter())
        {
            return;
        }

        try
        {
            var now = Environment.TickCount64;
            var budget = _clock.Count * 2;
            while (budget-- > 0
                && (Volatile.Read(ref _count) > _maxEntries || Interlocked.Read(ref _bytes) > _maxBytes || _clock.Count > _entries.Count + 1024)
                && _clock.TryDequeue(out var candidate))
            {
                if (!_entries.TryGetValue(candidate.Key, out var live) || !ReferenceEquals(live, candidate))
                {
                    continue; // replaced or removed since it was queued
                }

                var overLimit = Volatile.Read(ref _count) > _maxEntries || Interlocked.Read(ref _bytes) > _maxBytes;
                if (!overLimit || (candidate.Referenced && now < candidate.ExpiresAt))
                {
                    candidate.Referenced = false;
                    _clock.Enqueue(candidate);
                    continue;
                }

                RemoveEntry(candidate);
            }
        }
        finally
        {
            _evictionLock.Exit();
        }
    }

    private sealed class Entry(string key, byte[] value, long expiresAt, long size)
    {
        public string Key { get; } = key;

        public byte[] Value { get; } = value;

        public long ExpiresAt { get; } = expiresAt;

        public long Size { get; } = size;

        public volatile bool Referenced;

        public volatile object? Attachment;

        // Guarded by the entry's lock (written by TryAttach, read when the entry leaves).
        public long AttachmentBytes;

        public bool Removed;
    }
}

namespace ProfileHub.Redis.Internal;

/// <summary>
/// Commands sent on one connection, oldest first. Replies arrive in the same order, so the reader
/// completes the head; the timeout scan fails callers whose replies are overdue.
/// </summary>
internal sealed class PendingReplyQueue
{
    private readonly Queue<IPendingReply> _queue = new();
    private readonly Lock _lock = new();

    public void Enqueue(IPendingReply pending)
    {
        lock (_lock)
        {
            _queue.Enqueue(pending);
        }
    }

    public IPendingReply? Dequeue()
    {
        lock (_lock)
        {
            return _queue.TryDequeue(out var pending) ? pending : null;
        }
    }

    public List<IPendingReply> DrainAll()
    {
        lock (_lock)
        {
            List<IPendingReply> all = [.. _queue];
            _queue.Clear();
            return all;
        }
    }

    /// <summary>
    /// Fails every caller whose deadline passed with <see cref="RedisTimeoutException"/>. Returns
    /// the exception given to the oldest command when that one is overdue: the server has not
    /// answered the command it owes first, so it is hung or the link is dead. Later commands'
    /// timeouts alone leave the connection usable: their replies are still matched in order and
    /// dropped when they arrive.
    /// </summary>
    public RedisTimeoutException? ExpireOverdue(long now, string endpoint)
    {
        List<(IPendingReply Pending, bool IsOldest)>? overdue = null;
        int inFlight;
        lock (_lock)
        {
            inFlight = _queue.Count;
            var isOldest = true;
            foreach (var pending in _queue)
            {
                if (now >= pending.Deadline && (!pending.IsCompleted || isOldest))
                {
                    (overdue ??= []).Add((pending, isOldest));
                }

                isOldest = false;
            }
        }

        RedisTimeoutException? oldestTimedOut = null;
        foreach (var (pending, isOldest) in overdue ?? [])
        {
            var timeout = new RedisTimeoutException($"Redis at {endpoint} did not answer {pending.Command.Name} in time ({inFlight} commands in flight).");
            pending.Fail(timeout);
            if (isOldest)
            {
                oldestTimedOut = timeout;
            }
        }

        return oldestTimedOut;
    }
}

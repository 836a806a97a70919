namespace ProfileHub.Redis.Caching;

/// <summary>
/// One source load shared by every caller that missed the same key at the same time. It counts its
/// waiters and is cancelled when the last of them stops waiting before it finished, so a caller's
/// cancellation reaches the source read without one impatient caller failing the others.
/// </summary>
internal sealed class SharedLoad : IDisposable
{
    // -1 once abandoned: no caller may join a load that is being cancelled.
    private int _waiters;

    public SharedLoad(CancellationToken lifetime)
    {
        Cancellation = CancellationTokenSource.CreateLinkedTokenSource(lifetime);
    }

    public TaskCompletionSource<CacheLookup> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Cancelled when the cache shuts down or every waiter has left before the load finished.</summary>
    public CancellationTokenSource Cancellation { get; }

    /// <summary>True when the load was cancelled because nobody waited for it any more.</summary>
    public bool Abandoned => Volatile.Read(ref _waiters) < 0;

    /// <summary>Adds a waiter; false when the load was already abandoned (start another one).</summary>
    public bool TryJoin()
    {
        while (true)
        {
            var waiters = Volatile.Read(ref _waiters);
            if (waiters < 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _waiters, waiters + 1, waiters) == waiters)
            {
                return true;
            }
        }
    }

    /// <summary>Removes a waiter; the last one to leave an unfinished load cancels it.</summary>
    public void Leave()
    {
        if (Interlocked.Decrement(ref _waiters) != 0
            || Completion.Task.IsCompleted
            || Interlocked.CompareExchange(ref _waiters, -1, 0) != 0)
        {
            return;
        }

        try
        {
            Cancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The load finished (and released its token source) in the meantime: nothing to cancel.
        }
    }

    public void Dispose() => Cancellation.Dispose();
}

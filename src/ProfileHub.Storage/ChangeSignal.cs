namespace ProfileHub.Storage;

/// <summary>
/// Wakes change-feed watchers in this process as soon as a store commits new changes. Watchers
/// still poll the store on a timer, because other replicas commit changes this process never sees.
/// </summary>
public sealed class ChangeSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _lastSequence;

    /// <summary>The newest sequence published in this process.</summary>
    public long LastSequence => Volatile.Read(ref _lastSequence);

    /// <summary>Called by stores after a commit that produced changes up to <paramref name="lastSequence"/>.</summary>
    public void Publish(long lastSequence)
    {
        long seen;
        do
        {
            seen = Volatile.Read(ref _lastSequence);
            if (lastSequence <= seen)
            {
                break;
            }
        }
        while (Interlocked.CompareExchange(ref _lastSequence, lastSequence, seen) != seen);

        var previous = Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        previous.TrySetResult();
    }

    /// <summary>
    /// Completes when a sequence greater than <paramref name="afterSequence"/> is published, when
    /// <paramref name="timeout"/> passes, or when cancelled (then throws).
    /// </summary>
    public async Task WaitAsync(long afterSequence, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var pending = Volatile.Read(ref _next).Task;
        if (LastSequence > afterSequence)
        {
            return;
        }

        try
        {
            await pending.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A timeout is the polling tick: the caller re-reads the store either way.
        }
    }
}

using ProfileHub.Storage.Sqlite;

namespace ProfileHub.Storage.Tests.Durability;

/// <summary>
/// The real WAL fsync, with the two faults a test cannot cause on a healthy disk: a flush that
/// takes as long as the test wants (held until released) and a flush that fails.
/// </summary>
internal sealed class HeldWalFlush(IWalFlush real) : IWalFlush
{
    private readonly SemaphoreSlim _entered = new(0);
    private readonly ManualResetEventSlim _open = new(initialState: true);
    private Exception? _failure;
    private int _flushes;

    /// <summary>Flushes that completed or failed so far (the store's start-up flush included).</summary>
    public int Flushes => Volatile.Read(ref _flushes);

    /// <summary>From now on a flush waits inside <see cref="Flush"/> until <see cref="Release"/>.</summary>
    public void Hold() => _open.Reset();

    public void Release() => _open.Set();

    /// <summary>From now on every flush throws <paramref name="failure"/> after the real fsync.</summary>
    public void FailWith(Exception failure) => Volatile.Write(ref _failure, failure);

    /// <summary>Completes when a flush has started (and, if held, is waiting for release).</summary>
    public async Task WaitForFlushAsync()
    {
        if (!await _entered.WaitAsync(TimeSpan.FromSeconds(10)))
        {
            throw new TimeoutException("no WAL flush started within 10 s");
        }
    }

    public void Flush()
    {
        _entered.Release();
        _open.Wait(TimeSpan.FromSeconds(30));
        try
        {
            real.Flush();
            if (Volatile.Read(ref _failure) is { } failure)
            {
                throw failure;
            }
        }
        finally
        {
            Interlocked.Increment(ref _flushes);
        }
    }

    public void Dispose()
    {
        real.Dispose();
        _open.Dispose();
        _entered.Dispose();
    }
}

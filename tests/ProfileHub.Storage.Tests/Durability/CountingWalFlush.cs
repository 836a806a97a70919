using ProfileHub.Storage.Sqlite;

namespace ProfileHub.Storage.Tests.Durability;

/// <summary>The real WAL fsync, counted.</summary>
internal sealed class CountingWalFlush(IWalFlush real, Action flushed) : IWalFlush
{
    public void Flush()
    {
        real.Flush();
        flushed();
    }

    public void Dispose() => real.Dispose();
}

namespace ProfileHub.Storage.Sqlite;

/// <summary>
/// Forces the store's write-ahead log to stable storage. Everything written to the log before
/// <see cref="Flush"/> starts is durable when it returns; a throw means nothing is known about it.
/// </summary>
internal interface IWalFlush : IDisposable
{
    void Flush();
}

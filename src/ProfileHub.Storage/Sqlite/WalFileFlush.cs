using Microsoft.Win32.SafeHandles;

namespace ProfileHub.Storage.Sqlite;

/// <summary>
/// Flushes the <c>-wal</c> file through a descriptor of its own. On Linux an fsync on any
/// descriptor of the inode writes back every dirty page of the file, including the frames SQLite
/// wrote through its descriptor. SQLite keeps the log (same inode) while its connection is open,
/// so the file is opened once; sharing read, write and delete leaves SQLite free to reset,
/// truncate or delete it.
/// </summary>
internal sealed class WalFileFlush : IWalFlush
{
    private readonly SafeFileHandle _handle;

    public WalFileFlush(string walPath)
    {
        _handle = File.OpenHandle(walPath, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
    }

    public void Flush() => RandomAccess.FlushToDisk(_handle);

    public void Dispose() => _handle.Dispose();
}

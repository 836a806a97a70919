namespace ProfileHub.Storage.Sqlite;

/// <summary>
/// The settings of the writer connection apart from durability and the busy timeout (which the store
/// sets from its options), shared with the write-floor benchmark so it measures the same connection.
/// </summary>
internal static class WriterPragmas
{
    public const string Text = """
        PRAGMA journal_mode = WAL;
        PRAGMA foreign_keys = ON;
        PRAGMA temp_store = MEMORY;
        PRAGMA cache_size = -65536;
        PRAGMA mmap_size = 268435456;
        -- 128 MiB of WAL between automatic checkpoints: a page rewritten by several group
        -- commits is copied back to the database once, not once per 32 MiB (ingest
        -- benchmark: ~20% fewer bytes written per record, ~8% less CPU).
        PRAGMA wal_autocheckpoint = 32768;
        """;
}

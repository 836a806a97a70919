using Microsoft.Extensions.Logging;

namespace ProfileHub.Storage.Sqlite;

/// <summary>Log messages of the embedded store's durability flusher (counts and sequences only, never record content).</summary>
internal static partial class DurabilityLog
{
    [LoggerMessage(EventId = 4301, Level = LogLevel.Critical, Message = "Flushing the write-ahead log to disk failed; {Requests} unacknowledged writes up to change {LastSequence} were failed and the store now refuses writes")]
    public static partial void FlushFailed(ILogger logger, Exception exception, int requests, long lastSequence);

    [LoggerMessage(EventId = 4302, Level = LogLevel.Debug, Message = "Write-ahead log flushed: {Groups} group commits, {Requests} requests, durable up to change {LastSequence}, in {ElapsedMs:F2} ms")]
    public static partial void Flushed(ILogger logger, int groups, int requests, long lastSequence, double elapsedMs);

    [LoggerMessage(EventId = 4303, Level = LogLevel.Information, Message = "The embedded store cannot locate its write-ahead log file (journal mode {JournalMode}); every commit is flushed before it is acknowledged")]
    public static partial void NoWalFile(ILogger logger, string journalMode);
}

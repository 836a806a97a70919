using Microsoft.Extensions.Logging;

namespace ProfileHub.Storage;

/// <summary>Source-generated log messages of the store. Identifier values (PII) are never logged.</summary>
internal static partial class StorageLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Applied storage migration {Version} ({Name}) in {ElapsedMs} ms")]
    public static partial void MigrationApplied(ILogger logger, int version, string name, long elapsedMs);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Debug, Message = "Storage schema is at version {Version}")]
    public static partial void SchemaCurrent(ILogger logger, int version);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Debug, Message = "Group commit: {Requests} requests, {Records} records, {Changes} changes in {ElapsedMs:F2} ms")]
    public static partial void GroupCommitted(ILogger logger, int requests, int records, int changes, double elapsedMs);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "Group commit of {Requests} requests failed; retrying each request alone")]
    public static partial void GroupFailed(ILogger logger, Exception exception, int requests);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Error, Message = "A write request failed and was not committed")]
    public static partial void RequestFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Information, Message = "Identifier limit conflict for a record from source {Source}: {Conflicts} identifiers not linked (total conflicts {Total})")]
    public static partial void LimitConflict(ILogger logger, string source, int conflicts, long total);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Information, Message = "At-risk sweep flipped {Flips} profiles")]
    public static partial void AtRiskSwept(ILogger logger, int flips);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Critical, Message = "The storage writer stopped unexpectedly")]
    public static partial void WriterCrashed(ILogger logger, Exception exception);
}

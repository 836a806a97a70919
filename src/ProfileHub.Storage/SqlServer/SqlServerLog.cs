using Microsoft.Extensions.Logging;

namespace ProfileHub.Storage.SqlServer;

/// <summary>Source-generated log messages of the SQL Server store. Identifier values (PII) are never logged.</summary>
internal static partial class SqlServerLog
{
    [LoggerMessage(EventId = 4201, Level = LogLevel.Information, Message = "Applied SQL Server migration {Version} ({Name}) in {ElapsedMs} ms")]
    public static partial void MigrationApplied(ILogger logger, int version, string name, long elapsedMs);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Debug, Message = "SQL Server schema is at version {Version}")]
    public static partial void SchemaCurrent(ILogger logger, int version);

    [LoggerMessage(EventId = 4203, Level = LogLevel.Warning, Message = "SQL Server transaction retried (attempt {Attempt}) after a transient fault")]
    public static partial void Retrying(ILogger logger, Exception? exception, int attempt);

    [LoggerMessage(EventId = 4204, Level = LogLevel.Information, Message = "Identifier limit conflict for a record from source {Source}: {Conflicts} identifiers not linked (total conflicts {Total})")]
    public static partial void LimitConflict(ILogger logger, string source, int conflicts, long total);

    [LoggerMessage(EventId = 4205, Level = LogLevel.Information, Message = "At-risk sweep flipped {Flips} profiles")]
    public static partial void AtRiskSwept(ILogger logger, int flips);

    [LoggerMessage(EventId = 4206, Level = LogLevel.Debug, Message = "Committed {Records} records with {Changes} changes in {ElapsedMs:F2} ms")]
    public static partial void BatchCommitted(ILogger logger, int records, int changes, double elapsedMs);
}

namespace ProfileHub.Server.Logging;

/// <summary>Source-generated log messages of the host. No identifier values or traits: they are personal data.</summary>
internal static partial class ServerLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Debug, Message = "At-risk sweep flipped {Count} profiles")]
    public static partial void AtRiskSweepCompleted(ILogger logger, int count);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Error, Message = "At-risk sweep failed; retrying at the next interval")]
    public static partial void AtRiskSweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Reading store statistics for metrics failed; retrying at the next interval")]
    public static partial void StatisticsFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "ProfileHub serving gRPC on {Addresses} (store {Provider}, cache {Cache})")]
    public static partial void Started(ILogger logger, string addresses, string provider, string cache);
}

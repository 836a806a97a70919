using ProfileHub.Grpc;

namespace ProfileHub.Server.Security;

/// <summary>Source-generated log messages of the security layer. Never tokens, keys or claims.</summary>
internal static partial class SecurityLog
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Warning, Message = "{Key} is '{Mode}' in the {Environment} environment: every caller is accepted without credentials")]
    public static partial void AuthDisabled(ILogger logger, string key, string mode, string environment);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Authentication mode {Modes}; {ApiKeyCount} API key(s); rate limit {RateLimit}; client certificates {ClientCertificates}")]
    public static partial void SecurityConfigured(ILogger logger, string modes, int apiKeyCount, string rateLimit, string clientCertificates);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Debug, Message = "Refused {Method} with {Status}")]
    public static partial void CallRefused(ILogger logger, string method, StatusCode status);
}

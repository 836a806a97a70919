using Microsoft.Extensions.Logging;

namespace ProfileHub.Grpc.Internal;

/// <summary>Transport log events. Never payloads or metadata values (they may carry personal data).</summary>
internal static partial class GrpcServerLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Unhandled exception in gRPC call {Method} (trace id {TraceId})")]
    public static partial void UnhandledException(ILogger logger, string method, string traceId, Exception exception);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "gRPC call {Method} failed with {StatusCode}: {Exception}")]
    public static partial void MappedException(ILogger logger, string method, StatusCode statusCode, string exception);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "Rejected gRPC request: {Reason}")]
    public static partial void ProtocolError(ILogger logger, string reason);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "gRPC call {Method} finished with {StatusCode} in {ElapsedMs:0.000} ms")]
    public static partial void CallFinished(ILogger logger, string method, StatusCode statusCode, double elapsedMs);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "gRPC call {Method} failed with {StatusCode} in {ElapsedMs:0.000} ms")]
    public static partial void CallFailed(ILogger logger, string method, StatusCode statusCode, double elapsedMs);
}

using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using ProfileHub.Grpc.Internal;

namespace ProfileHub.Grpc;

/// <summary>Logs every call's method, status and elapsed time (never payloads or metadata values).</summary>
/// <param name="logger">The logger (category ProfileHub.Grpc.GrpcCallLoggingInterceptor).</param>
public sealed class GrpcCallLoggingInterceptor(ILogger<GrpcCallLoggingInterceptor> logger) : IGrpcServerInterceptor
{
    /// <inheritdoc />
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask InvokeAsync(ServerCallContext context, GrpcCallHandler next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var started = Stopwatch.GetTimestamp();
        var status = StatusCode.OK;
        try
        {
            await next(context);
            status = context.Status.Code;
        }
        catch (Exception ex)
        {
            status = context.Runtime.ResolveStatus(ex, context).Code;
            throw;
        }
        finally
        {
            var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (!IsServerFault(status))
            {
                GrpcServerLog.CallFinished(logger, context.Method, status, elapsedMs);
            }
            else
            {
                GrpcServerLog.CallFailed(logger, context.Method, status, elapsedMs);
            }
        }
    }

    // Client mistakes (NOT_FOUND, INVALID_ARGUMENT …) are normal traffic; only faults of the server deserve a warning.
    private static bool IsServerFault(StatusCode status) =>
        status is StatusCode.Internal or StatusCode.Unknown or StatusCode.DataLoss or StatusCode.Unavailable;
}

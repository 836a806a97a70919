using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;

namespace ProfileHub.Grpc;

/// <summary>
/// Records per-method call counts and durations on the Meter "ProfileHub.Grpc": counter
/// <c>grpc_server_calls</c> and histogram <c>grpc_server_call_duration</c> (seconds), both tagged with
/// <c>method</c> and <c>status</c> (the status code name, e.g. "OK", "NotFound").
/// </summary>
public sealed class GrpcMetricsInterceptor : IGrpcServerInterceptor
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "ProfileHub.Grpc";

    private static readonly string[] StatusNames = Enum.GetNames<StatusCode>();
    private readonly Counter<long> _calls;
    private readonly Histogram<double> _duration;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>.</summary>
    /// <param name="meterFactory">The DI meter factory.</param>
    public GrpcMetricsInterceptor(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _calls = meter.CreateCounter<long>("grpc_server_calls", unit: "{call}", description: "gRPC calls handled, by method and status.");
        _duration = meter.CreateHistogram<double>("grpc_server_call_duration", unit: "s", description: "Duration of gRPC calls, by method and status.");
    }

    /// <inheritdoc />
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask InvokeAsync(ServerCallContext context, GrpcCallHandler next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (!_calls.Enabled && !_duration.Enabled)
        {
            await next(context);
            return;
        }

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
            var tags = new TagList
            {
                { "method", context.Method },
                { "status", (uint)status < (uint)StatusNames.Length ? StatusNames[(int)status] : status.ToString() },
            };
            _calls.Add(1, tags);
            _duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
        }
    }
}

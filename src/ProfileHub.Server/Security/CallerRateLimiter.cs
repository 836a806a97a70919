using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using ProfileHub.Grpc;

namespace ProfileHub.Server.Security;

/// <summary>
/// One token bucket per caller, from System.Threading.RateLimiting (what ASP.NET Core's rate
/// limiter is built on). Idle buckets are dropped by the partitioned limiter.
/// </summary>
internal sealed class CallerRateLimiter : IDisposable
{
    public const string RetryAfterTrailer = "retry-after-ms";
    private readonly PartitionedRateLimiter<CallerIdentity>? _limiter;

    public CallerRateLimiter(IOptions<RateLimitOptions> options)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        var bucket = new TokenBucketRateLimiterOptions
        {
            TokenLimit = settings.Burst,
            TokensPerPeriod = settings.PermitsPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        };
        _limiter = PartitionedRateLimiter.Create<CallerIdentity, string>(
            caller => RateLimitPartition.GetTokenBucketLimiter(caller.ToString(), _ => bucket));
    }

    public bool Enabled => _limiter is not null;

    /// <summary>Takes one permit for the caller or throws RESOURCE_EXHAUSTED with a <c>retry-after-ms</c> trailer.</summary>
    public void Acquire(CallerIdentity caller)
    {
        if (_limiter is null)
        {
            return;
        }

        using var lease = _limiter.AttemptAcquire(caller);
        if (lease.IsAcquired)
        {
            return;
        }

        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var milliseconds = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture);
        var trailers = new Metadata { { RetryAfterTrailer, milliseconds } };
        throw new RpcException(new Status(StatusCode.ResourceExhausted, $"rate limit exceeded for caller {caller}; retry after {milliseconds} ms"), trailers);
    }

    public void Dispose() => _limiter?.Dispose();
}

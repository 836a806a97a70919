using Polly;
using Polly.Retry;

namespace ProfileHub.Storage.SqlServer;

/// <summary>
/// The retry pipeline around every SQL Server transaction: deadlocks, lock timeouts and transient
/// connection faults re-run the whole transaction with bounded, jittered exponential backoff.
/// </summary>
internal static class SqlServerRetry
{
    public const int MaxRetryAttempts = 6;

    public static ResiliencePipeline Create(Action<Exception?, int>? onRetry = null) =>
        new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(SqlServerTransientErrors.IsTransient),
                MaxRetryAttempts = MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(50),
                MaxDelay = TimeSpan.FromSeconds(2),
                OnRetry = args =>
                {
                    onRetry?.Invoke(args.Outcome.Exception, args.AttemptNumber);
                    return default;
                },
            })
            .Build();
}

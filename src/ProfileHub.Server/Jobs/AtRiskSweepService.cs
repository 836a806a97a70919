using Microsoft.Extensions.Options;
using ProfileHub.Core.Changes;
using ProfileHub.Server.Application;
using ProfileHub.Server.Logging;
using ProfileHub.Storage;

namespace ProfileHub.Server.Jobs;

/// <summary>
/// Periodically flags onboarded profiles that went quiet (at_risk) and records each flip in the
/// change feed. New activity clears the flag at ingest; this job only handles the passage of time.
/// </summary>
internal sealed class AtRiskSweepService(IProfileStore store, ProfileCache cache, ServerMetrics metrics, TimeProvider time, IOptions<JobOptions> options, ILogger<AtRiskSweepService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.AtRiskSweepInterval, time);
        do
        {
            try
            {
                var before = await store.GetLastChangeSequenceAsync(stoppingToken);
                var flipped = await store.SweepAtRiskAsync(time.GetUtcNow(), stoppingToken);
                if (flipped > 0)
                {
                    metrics.AtRiskFlipped(flipped);
                    await InvalidateFlippedAsync(before, stoppingToken);
                }

                ServerLog.AtRiskSweepCompleted(logger, flipped);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The next tick retries; a failing sweep must not take the service down.
                ServerLog.AtRiskSweepFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    // The flags live in cached stage views: the sweep's own change entries name the profiles.
    private async Task InvalidateFlippedAsync(long afterSequence, CancellationToken cancellationToken)
    {
        while (true)
        {
            var changes = await store.ListChangesAsync(afterSequence, 1_000, cancellationToken);
            if (changes.Count == 0)
            {
                return;
            }

            await cache.InvalidateProfilesAsync(changes.Where(c => c.Kind == ChangeKind.AtRiskChanged), cancellationToken);
            afterSequence = changes[^1].Sequence;
        }
    }
}

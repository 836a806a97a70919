using ProfileHub.Core.Journey;
using ProfileHub.Storage;

namespace ProfileHub.Server.Application;

/// <summary>Funnel numbers: the store supplies stage timelines, Core does the arithmetic.</summary>
internal sealed class FunnelReporter(IProfileStore store, FunnelCalculator calculator)
{
    public async Task<FunnelReport> ComputeAsync(DateTimeOffset? from, DateTimeOffset? to, string? source, CancellationToken cancellationToken)
    {
        var timelines = await store.GetStageTimelinesAsync(from, to, source, cancellationToken);
        return calculator.Compute(timelines);
    }
}

using ProfileHub.Core.Journey.Rules;

namespace ProfileHub.Core.Journey;

/// <summary>
/// The journey-map numbers over a set of profile timelines (each a profile's transitions, oldest
/// first): per stage, how many reached it, how many went further, and how long they took.
/// </summary>
/// <remarks>
/// A profile that skipped a stage (jumped over it) counts as having reached it but gives no
/// time-to-next sample for it, since it never entered it. Percentiles use the nearest-rank method:
/// the p-th percentile of n sorted samples is the sample at rank ⌈p·n⌉ (1-based), so the median of
/// 4 samples is the 2nd. Transitions to stage keys the catalog no longer has are ignored.
/// </remarks>
public sealed class FunnelCalculator(StageCatalog catalog)
{
    private readonly StageCatalog catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));

    /// <summary>Computes the funnel over <paramref name="timelines"/>.</summary>
    public FunnelReport Compute(IEnumerable<IReadOnlyList<StageTransition>> timelines)
    {
        ArgumentNullException.ThrowIfNull(timelines);
        var stageCount = catalog.Stages.Count;
        var reachedAtLeast = new int[stageCount + 2];
        var samples = new List<TimeSpan>[stageCount + 1];
        for (var order = 1; order <= stageCount; order++)
        {
            samples[order] = [];
        }

        var profiles = 0;
        foreach (var timeline in timelines)
        {
            profiles++;
            var furthest = Walk(timeline, samples);
            reachedAtLeast[furthest]++;
        }

        // reachedAtLeast[k] holds profiles whose furthest stage is k; accumulate from the top.
        for (var order = stageCount - 1; order >= 1; order--)
        {
            reachedAtLeast[order] += reachedAtLeast[order + 1];
        }

        var figures = new List<FunnelStageFigures>(stageCount);
        foreach (var stage in catalog.Stages)
        {
            var reached = reachedAtLeast[stage.Order];
            var converted = stage.Order < stageCount ? reachedAtLeast[stage.Order + 1] : 0;
            var conversion = reached == 0 ? 0d : (double)converted / reached;
            var dropOff = reached == 0 || stage.Order == stageCount ? 0d : 1d - conversion;
            var times = samples[stage.Order];
            times.Sort();
            figures.Add(new FunnelStageFigures(
                stage.Key,
                stage.DisplayName,
                stage.Order,
                reached,
                converted,
                conversion,
                dropOff,
                NearestRank.Percentile(times, 0.5),
                NearestRank.Percentile(times, 0.9),
                times.Count));
        }

        return new FunnelReport(figures, profiles);
    }

    /// <summary>Adds the timeline's time-to-next samples; returns the furthest stage order it reached.</summary>
    private int Walk(IReadOnlyList<StageTransition> timeline, List<TimeSpan>[] samples)
    {
        var furthest = 0;
        var furthestEnteredAt = DateTimeOffset.MinValue;
        foreach (var transition in timeline)
        {
            if (catalog.Find(transition.ToStage) is not { } stage || stage.Order <= furthest)
            {
                continue;
            }

            if (furthest > 0)
            {
                samples[furthest].Add(transition.At - furthestEnteredAt);
            }

            furthest = stage.Order;
            furthestEnteredAt = transition.At;
        }

        return furthest;
    }
}

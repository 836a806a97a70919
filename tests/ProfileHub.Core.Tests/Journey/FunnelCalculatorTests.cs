using ProfileHub.Core.Journey;

namespace ProfileHub.Core.Tests.Journey;

public sealed class FunnelCalculatorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly StageCatalog Catalog = StageCatalog.Create(JourneySettings.CreateDefault());

    /// <summary>A timeline from (stage, day) steps, oldest first.</summary>
    private static List<StageTransition> Timeline(params (string Stage, double Day)[] steps)
    {
        var timeline = new List<StageTransition>();
        string? from = null;
        foreach (var (stage, day) in steps)
        {
            timeline.Add(new StageTransition(from, stage, Catalog.Find(stage)!.Order, T0.AddDays(day), "web", $"{stage}-{day}", "stage:" + stage));
            from = stage;
        }

        return timeline;
    }

    [Fact]
    public void Funnel_figures_match_the_hand_computed_dataset()
    {
        // Furthest stage per profile: P1 onboarding, P2 consideration, P3 adoption (jumped in at decision),
        // P4 awareness, P5 advocacy, P6 decision (skipped consideration), P7 nothing.
        List<StageTransition>[] timelines =
        [
            Timeline(("awareness", 0), ("consideration", 1), ("decision", 3), ("onboarding", 4)),
            Timeline(("awareness", 0), ("consideration", 2)),
            Timeline(("decision", 0), ("onboarding", 10), ("adoption", 20)),
            Timeline(("awareness", 0)),
            Timeline(("awareness", 0), ("consideration", 4), ("decision", 5), ("onboarding", 6), ("adoption", 8), ("advocacy", 9)),
            Timeline(("awareness", 0), ("decision", 3)),
            [],
        ];

        var report = new FunnelCalculator(Catalog).Compute(timelines);

        Assert.Equal(7, report.Profiles);
        static TimeSpan? D(double days) => TimeSpan.FromDays(days);
        // Reached = furthest >= stage; converted = furthest > stage.
        // Time-to-next samples (days): awareness P1 1, P2 2, P5 4, P6 3 -> sorted 1,2,3,4: median rank 2 = 2, p90 rank 4 = 4.
        // consideration P1 2, P5 1 (P6 skipped it) -> 1,2: median 1, p90 2. decision P1 1, P3 10, P5 1 -> 1,1,10: median 1, p90 10.
        // onboarding P3 10, P5 2 -> 2,10: median 2, p90 10. adoption P5 1. advocacy: none.
        FunnelStageFigures[] expected =
            [
                new FunnelStageFigures("awareness", "Awareness", 1, 6, 5, 5d / 6, 1d / 6, D(2), D(4), 4),
                new FunnelStageFigures("consideration", "Consideration", 2, 5, 4, 0.8, 0.2, D(1), D(2), 2),
                new FunnelStageFigures("decision", "Decision", 3, 4, 3, 0.75, 0.25, D(1), D(10), 3),
                new FunnelStageFigures("onboarding", "Onboarding", 4, 3, 2, 2d / 3, 1d / 3, D(2), D(10), 2),
                new FunnelStageFigures("adoption", "Adoption", 5, 2, 1, 0.5, 0.5, D(1), D(1), 1),
                new FunnelStageFigures("advocacy", "Advocacy", 6, 1, 0, 0, 0, null, null, 0),
            ];

        Assert.Equal(expected.Select(Rounded), report.Stages.Select(Rounded));
    }

    [Fact]
    public void Funnel_over_no_profiles_is_all_zero()
    {
        var report = new FunnelCalculator(Catalog).Compute([]);

        Assert.Equal(0, report.Profiles);
        Assert.All(report.Stages, s => Assert.Equal((0, 0, 0d, 0d, (TimeSpan?)null), (s.Reached, s.Converted, s.ConversionRate, s.DropOffRate, s.MedianTimeToNext)));
        Assert.Equal(6, report.Stages.Count);
    }

    [Fact]
    public void Transitions_to_stages_no_longer_in_the_catalog_are_ignored()
    {
        var legacy = new StageTransition("awareness", "legacy_stage", 2, T0.AddDays(1), "web", "x", "stage:legacy_stage");
        List<StageTransition> timeline = [.. Timeline(("awareness", 0)), legacy];

        var report = new FunnelCalculator(Catalog).Compute([timeline]);

        Assert.Equal((1, 0), (report.Stages[0].Reached, report.Stages[0].Converted));
        Assert.Equal(0, report.Stages[1].Reached);
    }

    [Fact]
    public void Percentiles_use_nearest_rank()
    {
        // Ten profiles go awareness -> consideration after 1..10 hours: median rank 5 = 5h, p90 rank 9 = 9h.
        var timelines = Enumerable.Range(1, 10).Select(h => Timeline(("awareness", 0), ("consideration", h / 24d)));

        var awareness = new FunnelCalculator(Catalog).Compute(timelines).Stages[0];

        Assert.Equal(TimeSpan.FromHours(5), Round(awareness.MedianTimeToNext));
        Assert.Equal(TimeSpan.FromHours(9), Round(awareness.P90TimeToNext));
    }

    // Day fractions through AddDays lose sub-millisecond precision; compare at millisecond resolution.
    private static TimeSpan? Round(TimeSpan? span) => span is { } s ? TimeSpan.FromMilliseconds(Math.Round(s.TotalMilliseconds)) : null;

    private static FunnelStageFigures Rounded(FunnelStageFigures f) => f with
    {
        ConversionRate = Math.Round(f.ConversionRate, 12),
        DropOffRate = Math.Round(f.DropOffRate, 12),
        MedianTimeToNext = Round(f.MedianTimeToNext),
        P90TimeToNext = Round(f.P90TimeToNext),
    };
}

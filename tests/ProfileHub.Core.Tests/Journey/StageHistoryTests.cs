using ProfileHub.Core.Journey;

namespace ProfileHub.Core.Tests.Journey;

public sealed class StageHistoryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 4, 1, 8, 0, 0, TimeSpan.Zero);

    private static readonly StageTransition Aware = new(null, "awareness", 1, T0, "web", "r1", "stage:awareness");
    private static readonly StageTransition Considering = new("awareness", "consideration", 2, T0.AddDays(2), "web", "r2", "stage:consideration");
    private static readonly StageTransition Deciding = new("consideration", "decision", 3, T0.AddDays(5), "web", "r3", "stage:decision");

    private static readonly StageTransition[] History = [Aware, Considering, Deciding];

    [Fact]
    public void Before_the_first_transition_there_is_no_stage()
    {
        Assert.Null(StageHistory.StageAt(History, T0.AddTicks(-1)));
        Assert.Null(StageHistory.StageAt([], T0));
    }

    [Fact]
    public void A_transition_is_in_force_from_its_own_instant()
    {
        Assert.Same(Aware, StageHistory.StageAt(History, T0));
        Assert.Same(Considering, StageHistory.StageAt(History, T0.AddDays(2)));
    }

    [Fact]
    public void Between_transitions_the_earlier_one_is_in_force()
    {
        Assert.Same(Considering, StageHistory.StageAt(History, T0.AddDays(4)));
        Assert.Same(Deciding, StageHistory.StageAt(History, T0.AddYears(3)));
    }

    [Fact]
    public void Order_of_the_stored_history_does_not_matter()
    {
        StageTransition[] shuffled = [Deciding, Aware, Considering];

        Assert.Same(Considering, StageHistory.StageAt(shuffled, T0.AddDays(3)));
    }

    [Fact]
    public void Stage_at_follows_an_evaluated_history()
    {
        var h = new HistoryBuilder()
            .At(TimeSpan.Zero, "page_viewed")
            .At(TimeSpan.FromDays(1), "demo_requested");
        var transitions = new StageEvaluator(StageCatalog.Create(JourneySettings.CreateDefault())).Evaluate(h.Events).Transitions;

        Assert.Equal("awareness", StageHistory.StageAt(transitions, h[1].OccurredAt.AddSeconds(-1))!.ToStage);
        Assert.Equal("decision", StageHistory.StageAt(transitions, h[1].OccurredAt)!.ToStage);
    }
}

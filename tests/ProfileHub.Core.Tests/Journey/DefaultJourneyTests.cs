using ProfileHub.Core.Journey;
using static ProfileHub.Core.Tests.Journey.HistoryBuilder;

namespace ProfileHub.Core.Tests.Journey;

public sealed class DefaultJourneyTests
{
    private readonly StageEvaluator evaluator = new(StageCatalog.Create(JourneySettings.CreateDefault()));

    [Fact]
    public void Retail_customer_walks_every_stage_up_to_advocacy_each_on_the_event_that_proves_it()
    {
        var h = new HistoryBuilder("shop")
            .At(Days(0), "ad_clicked")                                  // 0 awareness
            .At(Days(0) + Hours(1), "product_viewed")                   // 1 consideration
            .At(Days(0) + Hours(2), "product_viewed")                   // 2
            .At(Days(1), "cart_added")                                  // 3 decision
            .At(Days(1) + Hours(1), "purchase_completed")               // 4 onboarding
            .At(Days(12), "purchase_completed")                         // 5 adoption: repeat purchase within 30 days
            .At(Days(20), "nps_submitted", ("score", "10"));            // 6 advocacy

        var result = evaluator.Evaluate(h.Events);

        Assert.Equal(
            [
                (null, "awareness", 1, h[0].RecordId),
                ("awareness", "consideration", 2, h[1].RecordId),
                ("consideration", "decision", 3, h[3].RecordId),
                ("decision", "onboarding", 4, h[4].RecordId),
                ("onboarding", "adoption", 5, h[5].RecordId),
                ("adoption", "advocacy", 6, h[6].RecordId),
            ],
            result.Transitions.Select(t => (t.FromStage, t.ToStage, t.ToOrder, t.RecordId)));
        Assert.All(result.Transitions, t => Assert.Equal("stage:" + t.ToStage, t.Reason));
        Assert.All(result.Transitions, t => Assert.Equal("shop", t.Source));
        Assert.Equal([h[0].OccurredAt, h[1].OccurredAt, h[3].OccurredAt, h[4].OccurredAt, h[5].OccurredAt, h[6].OccurredAt],
            result.Transitions.Select(t => t.At));
        Assert.Equal("advocacy", result.Stage);
        Assert.Equal(6, result.Order);
        Assert.Equal(h[6].OccurredAt, result.EnteredAt);
        Assert.Equal(h[6].OccurredAt, result.LastActivityAt);
    }

    [Fact]
    public void B2b_account_reaches_adoption_on_its_third_active_day_after_subscribing()
    {
        var h = new HistoryBuilder("crm")
            .At(Days(0), "webinar_attended")            // 0 consideration (awareness skipped)
            .At(Days(3), "pricing_viewed")              // 1
            .At(Days(5), "demo_requested")              // 2 decision
            .At(Days(12), "subscription_started")       // 3 onboarding
            .At(Days(13), "report_exported")            // 4 active day 1 (week 1)
            .At(Days(13) + Hours(3), "report_exported") // 5 same day: still one active day
            .At(Days(20), "dashboard_opened")           // 6 active day 2 (week 2)
            .At(Days(27), "report_exported");           // 7 active day 3 (week 3): adoption

        var result = evaluator.Evaluate(h.Events);

        Assert.Equal(
            [
                (null, "consideration", h[0].RecordId),
                ("consideration", "decision", h[2].RecordId),
                ("decision", "onboarding", h[3].RecordId),
                ("onboarding", "adoption", h[7].RecordId),
            ],
            result.Transitions.Select(t => (t.FromStage, t.ToStage, t.RecordId)));
        Assert.Equal(h[7].OccurredAt, result.EnteredAt);
    }

    [Fact]
    public void Three_active_days_that_never_fit_in_thirty_days_do_not_reach_adoption()
    {
        var h = new HistoryBuilder()
            .At(Days(0), "purchase_completed")
            .At(Days(10), "page_viewed")
            .At(Days(41), "page_viewed")
            .At(Days(72), "page_viewed");

        var result = evaluator.Evaluate(h.Events);

        Assert.Equal("onboarding", result.Stage);
    }

    [Fact]
    public void Three_active_days_within_any_thirty_days_after_onboarding_reach_adoption_even_long_after_it()
    {
        var h = new HistoryBuilder()
            .At(Days(0), "purchase_completed")
            .At(Days(90), "page_viewed")
            .At(Days(100), "page_viewed")
            .At(Days(119), "page_viewed");

        var result = evaluator.Evaluate(h.Events);

        Assert.Equal(("adoption", h[3].RecordId), (result.Stage, result.Transitions[^1].RecordId));
    }

    [Fact]
    public void Activity_before_onboarding_does_not_count_toward_adoption()
    {
        var h = new HistoryBuilder()
            .At(Days(0), "page_viewed")
            .At(Days(1), "page_viewed")
            .At(Days(2), "page_viewed")
            .At(Days(3), "purchase_completed")
            .At(Days(4), "page_viewed");

        var result = evaluator.Evaluate(h.Events);

        Assert.Equal("onboarding", result.Stage);
    }

    [Fact]
    public void The_purchase_that_onboards_is_not_also_the_repeat_purchase()
    {
        var h = new HistoryBuilder().At(Days(0), "purchase_completed");

        Assert.Equal("onboarding", evaluator.Evaluate(h.Events).Stage);
    }

    [Fact]
    public void Nps_score_of_eight_does_not_reach_advocacy()
    {
        var h = new HistoryBuilder()
            .At(Days(0), "purchase_completed")
            .At(Days(1), "nps_submitted", ("score", "8"));

        var result = evaluator.Evaluate(h.Events);

        Assert.Equal("onboarding", result.Stage);
        Assert.Single(result.Transitions);
    }

    [Theory]
    [InlineData("9")]
    [InlineData("10")]
    [InlineData("9.5")]
    public void Nps_score_of_nine_or_more_reaches_advocacy(string score)
    {
        var h = new HistoryBuilder().At(Days(0), "nps_submitted", ("score", score));

        Assert.Equal("advocacy", evaluator.Evaluate(h.Events).Stage);
    }

    [Theory]
    [InlineData("ten")]
    [InlineData("")]
    [InlineData("9,5")]
    public void Nps_score_that_is_not_a_number_is_not_evidence(string score)
    {
        var h = new HistoryBuilder().At(Days(0), "nps_submitted", ("score", score));

        Assert.Null(evaluator.Evaluate(h.Events).Stage);
    }

    [Fact]
    public void Nps_without_a_score_is_not_evidence()
    {
        var h = new HistoryBuilder().At(Days(0), "nps_submitted");

        var result = evaluator.Evaluate(h.Events);

        Assert.Null(result.Stage);
        Assert.Equal(0, result.Order);
        Assert.Empty(result.Transitions);
        Assert.Equal(h[0].OccurredAt, result.LastActivityAt);
    }

    [Fact]
    public void A_first_event_of_a_late_stage_jumps_there_in_one_transition()
    {
        var h = new HistoryBuilder().At(Days(0), "checkout_started").At(Days(1), "page_viewed");

        var result = evaluator.Evaluate(h.Events);

        var only = Assert.Single(result.Transitions);
        Assert.Equal((null, "decision", 3), (only.FromStage, only.ToStage, only.ToOrder));
    }

    [Fact]
    public void Stages_never_go_backwards()
    {
        var h = new HistoryBuilder()
            .At(Days(0), "review_posted")
            .At(Days(1), "page_viewed")
            .At(Days(2), "cart_added");

        var result = evaluator.Evaluate(h.Events);

        Assert.Equal("advocacy", result.Stage);
        Assert.Single(result.Transitions);
        Assert.Equal(h[2].OccurredAt, result.LastActivityAt);
    }

    [Fact]
    public void Empty_history_has_no_stage()
    {
        var result = evaluator.Evaluate([]);

        Assert.Equal(new StageEvaluation(null, 0, null, [], null), result with { Transitions = [] });
        Assert.Empty(result.Transitions);
    }
}

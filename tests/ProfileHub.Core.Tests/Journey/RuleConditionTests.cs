using ProfileHub.Core.Journey;
using static ProfileHub.Core.Tests.Journey.HistoryBuilder;

namespace ProfileHub.Core.Tests.Journey;

/// <summary>Each condition feature on a one-stage catalog: does the stage get reached, and on which event.</summary>
public sealed class RuleConditionTests
{
    private static StageEvaluator OneStage(ConditionSettings condition) =>
        new(StageCatalog.Create(new JourneySettings
        {
            Stages = [new StageSettings { Key = "engaged", Rule = new StageRuleSettings { AnyOf = [condition] } }],
        }));

    private static string? FiringRecord(StageEvaluator evaluator, HistoryBuilder h) =>
        evaluator.Evaluate(h.Events).Transitions.SingleOrDefault()?.RecordId;

    [Fact]
    public void Sources_restrict_which_systems_events_count()
    {
        var evaluator = OneStage(new ConditionSettings { Events = ["ticket_closed"], Sources = ["helpdesk"] });
        var h = new HistoryBuilder()
            .From("web", Days(0), "ticket_closed")
            .From("helpdesk", Days(1), "ticket_closed");

        Assert.Equal(h[1].RecordId, FiringRecord(evaluator, h));
    }

    [Fact]
    public void Min_count_without_window_counts_over_the_whole_history()
    {
        var evaluator = OneStage(new ConditionSettings { Events = ["product_viewed"], MinCount = 3 });
        var h = new HistoryBuilder()
            .At(Days(0), "product_viewed")
            .At(Days(100), "page_viewed")
            .At(Days(200), "product_viewed")
            .At(Days(300), "product_viewed");

        Assert.Equal(h[3].RecordId, FiringRecord(evaluator, h));
    }

    [Fact]
    public void Min_count_within_a_sliding_window_needs_the_events_close_together()
    {
        var evaluator = OneStage(new ConditionSettings { Events = ["product_viewed"], MinCount = 3, Within = TimeSpan.FromDays(7) });
        var h = new HistoryBuilder()
            .At(Days(0), "product_viewed")
            .At(Days(5), "product_viewed")
            .At(Days(8), "product_viewed")   // window of 7 days holds only days 5 and 8
            .At(Days(10), "product_viewed")  // days 5, 8, 10: three within 7 days
            .At(Days(11), "product_viewed");

        Assert.Equal(h[3].RecordId, FiringRecord(evaluator, h));
    }

    [Fact]
    public void Sliding_window_includes_an_event_exactly_one_window_earlier()
    {
        var evaluator = OneStage(new ConditionSettings { Events = ["login"], MinCount = 2, Within = TimeSpan.FromHours(24) });
        var h = new HistoryBuilder().At(Hours(0), "login").At(Hours(24), "login");

        Assert.Equal(h[1].RecordId, FiringRecord(evaluator, h));
    }

    [Fact]
    public void Active_days_count_distinct_utc_calendar_days_not_events()
    {
        var evaluator = OneStage(new ConditionSettings { ActiveDays = 2 });
        var h = new HistoryBuilder()
            .At(Hours(0), "a")
            .At(Hours(5), "b")
            .At(Hours(14), "c")   // 23:00 UTC, still the first day
            .At(Hours(15), "d");  // 00:00 UTC next day

        Assert.Equal(h[3].RecordId, FiringRecord(evaluator, h));
    }

    [Fact]
    public void Active_days_within_a_sliding_window_forget_days_that_leave_it()
    {
        var evaluator = OneStage(new ConditionSettings { ActiveDays = 3, Within = TimeSpan.FromDays(5) });
        var h = new HistoryBuilder()
            .At(Days(0), "a")
            .At(Days(1), "a")
            .At(Days(9), "a")    // days 0 and 1 have left the window
            .At(Days(10), "a")
            .At(Days(12), "a");  // days 9, 10, 12

        Assert.Equal(h[4].RecordId, FiringRecord(evaluator, h));
    }

    [Fact]
    public void Min_count_and_active_days_must_both_hold()
    {
        var evaluator = OneStage(new ConditionSettings { Events = ["a"], MinCount = 3, ActiveDays = 2 });
        var h = new HistoryBuilder()
            .At(Hours(0), "a")
            .At(Hours(1), "a")
            .At(Hours(2), "a")   // three events, one day
            .At(Days(1), "a");   // second day

        Assert.Equal(h[3].RecordId, FiringRecord(evaluator, h));
    }

    [Theory]
    [InlineData("eq", "gold", null, "gold", true)]
    [InlineData("eq", "gold", null, "Gold", false)]
    [InlineData("neq", "gold", null, "silver", true)]
    [InlineData("neq", "gold", null, "gold", false)]
    [InlineData("in", null, "gold,platinum", "platinum", true)]
    [InlineData("in", null, "gold,platinum", "silver", false)]
    [InlineData("gt", "100", null, "100.01", true)]
    [InlineData("gt", "100", null, "100", false)]
    [InlineData("gte", "100", null, "100.00", true)]
    [InlineData("lt", "-1.5", null, "-2", true)]
    [InlineData("lt", "-1.5", null, "-1.5", false)]
    [InlineData("lte", "1e3", null, "1000", true)]
    [InlineData("lte", "10", null, "n/a", false)]
    [InlineData("exists", null, null, "", true)]
    [InlineData("EQ", "gold", null, "gold", true)]
    public void Property_predicates_compare_as_configured(string op, string? value, string? values, string actual, bool expected)
    {
        var evaluator = OneStage(new ConditionSettings
        {
            Where = [new PredicateSettings { Property = "tier", Op = op, Value = value, Values = values?.Split(',').ToList() ?? [] }],
        });
        var h = new HistoryBuilder().At(Days(0), "plan_changed", ("tier", actual));

        Assert.Equal(expected, FiringRecord(evaluator, h) is not null);
    }

    [Theory]
    [InlineData("eq")]
    [InlineData("neq")]
    [InlineData("exists")]
    [InlineData("gte")]
    public void A_missing_property_fails_every_op(string op)
    {
        var evaluator = OneStage(new ConditionSettings { Where = [new PredicateSettings { Property = "tier", Op = op, Value = "1" }] });
        var h = new HistoryBuilder().At(Days(0), "plan_changed", ("plan", "1"));

        Assert.Null(FiringRecord(evaluator, h));
    }

    [Fact]
    public void All_predicates_of_a_condition_must_hold()
    {
        var evaluator = OneStage(new ConditionSettings
        {
            Events = ["order_paid"],
            Where =
            [
                new PredicateSettings { Property = "amount", Op = "gte", Value = "50" },
                new PredicateSettings { Property = "currency", Op = "eq", Value = "EUR" },
            ],
        });
        var h = new HistoryBuilder()
            .At(Days(0), "order_paid", ("amount", "80"), ("currency", "USD"))
            .At(Days(1), "order_paid", ("amount", "20"), ("currency", "EUR"))
            .At(Days(2), "order_paid", ("amount", "50"), ("currency", "EUR"));

        Assert.Equal(h[2].RecordId, FiringRecord(evaluator, h));
    }

    [Fact]
    public void After_rule_ignores_the_event_that_entered_the_after_stage()
    {
        var settings = new JourneySettings
        {
            Stages =
            [
                new StageSettings { Key = "buyer", Rule = new StageRuleSettings { AnyOf = [new ConditionSettings { Events = ["order_paid"] }] } },
                new StageSettings
                {
                    Key = "repeat_buyer",
                    Rule = new StageRuleSettings { After = "buyer", AnyOf = [new ConditionSettings { Events = ["order_paid"] }] },
                },
            ],
        };
        var evaluator = new StageEvaluator(StageCatalog.Create(settings));
        var h = new HistoryBuilder().At(Days(0), "order_paid").At(Days(400), "order_paid");

        var result = evaluator.Evaluate(h.Events);

        Assert.Equal([("buyer", h[0].RecordId), ("repeat_buyer", h[1].RecordId)], result.Transitions.Select(t => (t.ToStage, t.RecordId)));
    }

    [Fact]
    public void After_stage_counts_as_entered_when_a_later_stage_was_jumped_to()
    {
        var settings = new JourneySettings
        {
            Stages =
            [
                new StageSettings { Key = "visitor", Rule = new StageRuleSettings { AnyOf = [new ConditionSettings { Events = ["visit"] }] } },
                new StageSettings { Key = "buyer", Rule = new StageRuleSettings { AnyOf = [new ConditionSettings { Events = ["order_paid"] }] } },
                new StageSettings
                {
                    Key = "fan",
                    Rule = new StageRuleSettings { After = "visitor", AnyOf = [new ConditionSettings { Events = ["review"] }] },
                },
            ],
        };
        var evaluator = new StageEvaluator(StageCatalog.Create(settings));
        var h = new HistoryBuilder().At(Days(0), "review").At(Days(1), "order_paid").At(Days(2), "review");

        var result = evaluator.Evaluate(h.Events);

        Assert.Equal([("buyer", h[1].RecordId), ("fan", h[2].RecordId)], result.Transitions.Select(t => (t.ToStage, t.RecordId)));
    }
}

using ProfileHub.Core.Journey;

namespace ProfileHub.Core.Tests.Journey;

public sealed class StageCatalogValidationTests
{
    private static JourneySettings Valid() => JourneySettings.CreateDefault();

    private static JourneyConfigurationException Refused(Action<JourneySettings> breakIt)
    {
        var settings = Valid();
        breakIt(settings);
        return Assert.Throws<JourneyConfigurationException>(() => StageCatalog.Create(settings));
    }

    private static ConditionSettings Condition(JourneySettings s, int stage, int condition = 0) => s.Stages[stage].Rule.AnyOf[condition];

    [Fact]
    public void Numeric_op_without_a_numeric_value_is_refused_naming_stage_condition_and_op()
    {
        var error = Refused(s => Condition(s, 2).Where.Add(new PredicateSettings { Property = "amount", Op = "gte", Value = "lots" }));

        Assert.Equal(
            "ProfileHub:Journey:Stages:2 (decision): condition 0 predicate Where:0 on \"amount\" has op \"gte\" without a numeric Value (got \"lots\")",
            error.Message);
        Assert.Equal("ProfileHub:Journey:Stages:2 (decision)", error.Path);
    }

    [Fact]
    public void Numeric_op_with_no_value_at_all_is_refused()
    {
        var error = Refused(s => Condition(s, 5).Where[0].Value = null);

        Assert.Equal(
            "ProfileHub:Journey:Stages:5 (advocacy): condition 0 predicate Where:0 on \"score\" has op \"gte\" without a numeric Value (got nothing)",
            error.Message);
    }

    [Fact]
    public void Duplicate_stage_keys_are_refused()
    {
        var error = Refused(s => s.Stages[3].Key = "decision");

        Assert.Equal("ProfileHub:Journey:Stages:3 (decision): duplicate Key \"decision\" (also Stages:2)", error.Message);
    }

    [Fact]
    public void Missing_stage_key_is_refused()
    {
        var error = Refused(s => s.Stages[1].Key = " ");

        Assert.Equal("ProfileHub:Journey:Stages:1: Key is required", error.Message);
    }

    [Fact]
    public void After_naming_an_unknown_stage_is_refused()
    {
        var error = Refused(s => s.Stages[4].Rule.After = "onbording");

        Assert.Equal("ProfileHub:Journey:Stages:4 (adoption): Rule.After names unknown stage \"onbording\"", error.Message);
    }

    [Theory]
    [InlineData("advocacy", 6)]
    [InlineData("adoption", 5)]
    public void After_naming_the_same_or_a_later_stage_is_refused(string after, int afterOrder)
    {
        var error = Refused(s => s.Stages[4].Rule.After = after);

        Assert.Equal(
            $"ProfileHub:Journey:Stages:4 (adoption): Rule.After must name an earlier stage, but \"{after}\" is stage {afterOrder} and this is stage 5",
            error.Message);
    }

    [Fact]
    public void Empty_any_of_is_refused()
    {
        var error = Refused(s => s.Stages[0].Rule.AnyOf.Clear());

        Assert.Equal("ProfileHub:Journey:Stages:0 (awareness): Rule.AnyOf is empty: the stage needs at least one condition", error.Message);
    }

    [Fact]
    public void Unknown_op_is_refused_listing_the_known_ones()
    {
        var error = Refused(s => Condition(s, 5).Where[0].Op = "greater");

        Assert.Equal(
            "ProfileHub:Journey:Stages:5 (advocacy): condition 0 predicate Where:0 on \"score\" has unknown op \"greater\" (expected eq, neq, in, gt, gte, lt, lte or exists)",
            error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public void Min_count_below_one_is_refused(int minCount)
    {
        var error = Refused(s => Condition(s, 4, 1).MinCount = minCount);

        Assert.Equal($"ProfileHub:Journey:Stages:4 (adoption): condition 1 has MinCount {minCount}; it must be at least 1", error.Message);
    }

    [Fact]
    public void Zero_or_negative_window_is_refused()
    {
        Assert.Equal(
            "ProfileHub:Journey:Stages:4 (adoption): condition 0 has Within 00:00:00; it must be positive",
            Refused(s => Condition(s, 4).Within = TimeSpan.Zero).Message);
        Assert.Equal(
            "ProfileHub:Journey:Stages:1 (consideration): condition 0 has Within -01:00:00; it must be positive",
            Refused(s => Condition(s, 1).Within = TimeSpan.FromHours(-1)).Message);
    }

    [Fact]
    public void Active_days_below_one_is_refused()
    {
        var error = Refused(s => Condition(s, 4).ActiveDays = 0);

        Assert.Equal("ProfileHub:Journey:Stages:4 (adoption): condition 0 has ActiveDays 0; it must be at least 1", error.Message);
    }

    [Fact]
    public void Eq_without_value_and_in_without_values_are_refused()
    {
        Assert.Equal(
            "ProfileHub:Journey:Stages:0 (awareness): condition 0 predicate Where:0 on \"channel\" has op \"eq\" without a Value",
            Refused(s => Condition(s, 0).Where.Add(new PredicateSettings { Property = "channel", Op = "eq" })).Message);
        Assert.Equal(
            "ProfileHub:Journey:Stages:0 (awareness): condition 0 predicate Where:0 on \"channel\" has op \"in\" without Values",
            Refused(s => Condition(s, 0).Where.Add(new PredicateSettings { Property = "channel", Op = "in" })).Message);
    }

    [Fact]
    public void Predicate_without_property_is_refused()
    {
        var error = Refused(s => Condition(s, 0).Where.Add(new PredicateSettings { Op = "exists" }));

        Assert.Equal("ProfileHub:Journey:Stages:0 (awareness): condition 0 predicate Where:0 has no Property", error.Message);
    }

    [Fact]
    public void Blank_event_name_is_refused()
    {
        var error = Refused(s => Condition(s, 3).Events.Add(""));

        Assert.Equal("ProfileHub:Journey:Stages:3 (onboarding): condition 0 has an empty name at Events:3", error.Message);
    }

    [Fact]
    public void Non_positive_at_risk_period_is_refused()
    {
        var error = Refused(s => s.AtRiskAfter = TimeSpan.Zero);

        Assert.Equal("ProfileHub:Journey:AtRiskAfter: must be positive (got 00:00:00)", error.Message);
    }

    [Fact]
    public void Default_catalog_has_the_six_design_stages_in_order()
    {
        var catalog = StageCatalog.Create(new JourneySettings());

        Assert.Equal(
            [("awareness", 1), ("consideration", 2), ("decision", 3), ("onboarding", 4), ("adoption", 5), ("advocacy", 6)],
            catalog.Stages.Select(s => (s.Key, s.Order)));
        Assert.Equal("Decision", catalog.Find("decision")!.DisplayName);
        Assert.Null(catalog.Find("Decision"));
        Assert.Equal(TimeSpan.FromDays(30), catalog.AtRiskAfter);
    }

    [Fact]
    public void Rule_summaries_describe_the_default_rules()
    {
        var catalog = StageCatalog.Create(JourneySettings.CreateDefault());

        Assert.Equal("any of [page_viewed, ad_clicked, email_opened]", catalog.Find("awareness")!.RuleSummary);
        Assert.Equal(
            "after onboarding: any event on at least 3 distinct UTC days within 30d; or purchase_completed",
            catalog.Find("adoption")!.RuleSummary);
        Assert.Equal("nps_submitted where score >= 9; or any of [review_posted, referral_sent]", catalog.Find("advocacy")!.RuleSummary);
    }

    [Fact]
    public void Configured_stages_replace_the_defaults_entirely()
    {
        var settings = new JourneySettings
        {
            Stages =
            [
                new StageSettings { Key = "lead", Rule = new StageRuleSettings { AnyOf = [new ConditionSettings { Events = ["form_submitted"] }] } },
                new StageSettings { Key = "customer", DisplayName = "Customer", Rule = new StageRuleSettings { AnyOf = [new ConditionSettings { Events = ["invoice_paid"] }] } },
            ],
        };

        var catalog = StageCatalog.Create(settings);

        Assert.Equal(["lead", "customer"], catalog.Stages.Select(s => s.Key));
        Assert.Equal("lead", catalog.Stages[0].DisplayName);
        Assert.Null(catalog.Find("awareness"));
        Assert.Equal(new HashSet<string> { "form_submitted", "invoice_paid" }, catalog.RelevantEventNames);
        Assert.True(catalog.IsRelevant("invoice_paid"));
        Assert.False(catalog.IsRelevant("page_viewed"));
    }

    [Fact]
    public void Default_catalog_counts_any_event_so_every_event_is_relevant()
    {
        var catalog = StageCatalog.Create(JourneySettings.CreateDefault());

        Assert.Null(catalog.RelevantEventNames);
        Assert.True(catalog.IsRelevant("anything_at_all"));
    }
}

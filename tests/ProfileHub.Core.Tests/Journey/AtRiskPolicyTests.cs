using ProfileHub.Core.Journey;

namespace ProfileHub.Core.Tests.Journey;

public sealed class AtRiskPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly AtRiskPolicy policy = new(StageCatalog.Create(JourneySettings.CreateDefault()));

    [Theory]
    [InlineData(4, 30, true)]    // onboarding, exactly the default 30 days idle
    [InlineData(6, 45, true)]    // advocacy, long idle
    [InlineData(4, 29.99, false)] // not idle long enough
    [InlineData(3, 400, false)]  // decision: before onboarding churn is not tracked
    [InlineData(0, 400, false)]  // no stage
    public void Profiles_past_onboarding_are_at_risk_after_thirty_idle_days(int stageOrder, double idleDays, bool expected)
    {
        Assert.Equal(expected, policy.IsAtRisk(stageOrder, Now.AddDays(-idleDays), Now));
    }

    [Fact]
    public void New_activity_clears_the_risk()
    {
        var lastSeen = Now.AddDays(-40);

        Assert.True(policy.IsAtRisk(5, lastSeen, Now));
        Assert.False(policy.IsAtRisk(5, Now.AddMinutes(-1), Now));
    }

    [Fact]
    public void A_profile_without_activity_is_not_at_risk()
    {
        Assert.False(policy.IsAtRisk(4, null, Now));
    }

    [Fact]
    public void At_risk_period_and_due_time_follow_configuration()
    {
        var settings = JourneySettings.CreateDefault();
        settings.AtRiskAfter = TimeSpan.FromDays(7);
        var weekly = new AtRiskPolicy(StageCatalog.Create(settings));

        Assert.True(weekly.IsAtRisk(4, Now.AddDays(-7), Now));
        Assert.False(weekly.IsAtRisk(4, Now.AddDays(-6), Now));
        Assert.Equal(Now.AddDays(7), weekly.AtRiskFrom(Now));
    }

    [Fact]
    public void Without_an_onboarding_stage_the_fourth_stage_starts_the_churn_watch()
    {
        var keys = new[] { "visit", "signup", "trial", "paid", "power_user" };
        var settings = new JourneySettings
        {
            Stages = [.. keys.Select(k => new StageSettings { Key = k, Rule = new StageRuleSettings { AnyOf = [new ConditionSettings { Events = [k] }] } })],
        };
        var custom = new AtRiskPolicy(StageCatalog.Create(settings));

        Assert.Equal(4, custom.OnboardingOrder);
        Assert.False(custom.IsAtRisk(3, Now.AddDays(-90), Now));
        Assert.True(custom.IsAtRisk(4, Now.AddDays(-90), Now));
    }

    [Fact]
    public void A_short_catalog_without_onboarding_watches_its_last_stage()
    {
        var settings = new JourneySettings
        {
            Stages =
            [
                new StageSettings { Key = "lead", Rule = new StageRuleSettings { AnyOf = [new ConditionSettings { Events = ["form"] }] } },
                new StageSettings { Key = "customer", Rule = new StageRuleSettings { AnyOf = [new ConditionSettings { Events = ["paid"] }] } },
            ],
        };

        Assert.Equal(2, new AtRiskPolicy(StageCatalog.Create(settings)).OnboardingOrder);
    }
}

using ProfileHub.Core.Admin;

namespace ProfileHub.Core.Tests.Admin;

public sealed class HotIdentifierRuleTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly HotIdentifierRule Rule = new(new QuarantineSettings { MaxProfiles = 3, Window = TimeSpan.FromHours(1) });

    [Fact]
    public void An_identifier_is_hot_once_it_links_more_distinct_profiles_than_allowed_within_the_window()
    {
        var three = new[] { ("p1", Now.AddMinutes(-50)), ("p2", Now.AddMinutes(-20)), ("p3", Now) };

        Assert.False(Rule.IsHot(three, Now));
        Assert.True(Rule.IsHot([.. three, ("p4", Now.AddMinutes(-1))], Now));
    }

    [Fact]
    public void Repeated_links_to_one_profile_and_links_older_than_the_window_do_not_count()
    {
        var links = new[] { ("p1", Now), ("p1", Now.AddMinutes(-1)), ("p2", Now), ("p3", Now), ("old", Now.AddHours(-1)), ("older", Now.AddHours(-5)) };

        Assert.False(Rule.IsHot(links, Now));
    }

    [Fact]
    public void Disabled_quarantine_never_fires_and_bad_settings_are_refused()
    {
        var off = new HotIdentifierRule(new QuarantineSettings { Enabled = false, MaxProfiles = 1 });

        Assert.False(off.IsHot([("a", Now), ("b", Now), ("c", Now)], Now));
        Assert.Throws<ArgumentOutOfRangeException>(() => new HotIdentifierRule(new QuarantineSettings { MaxProfiles = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new HotIdentifierRule(new QuarantineSettings { Window = TimeSpan.Zero }));
    }
}

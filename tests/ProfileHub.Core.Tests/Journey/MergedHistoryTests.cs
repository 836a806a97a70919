using ProfileHub.Core.Journey;
using static ProfileHub.Core.Tests.Journey.HistoryBuilder;

namespace ProfileHub.Core.Tests.Journey;

public sealed class MergedHistoryTests
{
    private readonly StageEvaluator evaluator = new(StageCatalog.Create(JourneySettings.CreateDefault()));

    [Fact]
    public void Anonymous_device_history_merged_into_a_known_customer_moves_the_stage_forward()
    {
        var customer = new HistoryBuilder("crm", "crm-")
            .At(Days(0), "email_opened")
            .At(Days(2), "email_clicked");
        var device = new HistoryBuilder("web", "web-")
            .At(Days(1), "page_viewed")
            .At(Days(3), "cart_added")
            .At(Days(3) + Hours(1), "purchase_completed");

        var before = evaluator.Evaluate(customer.Events);
        var merged = evaluator.Evaluate([.. customer.Events, .. device.Events]);

        Assert.Equal("consideration", before.Stage);
        Assert.Equal("onboarding", merged.Stage);
        Assert.Equal(
            [
                (null, "awareness", "crm", "crm-0001"),
                ("awareness", "consideration", "crm", "crm-0002"),
                ("consideration", "decision", "web", "web-0002"),
                ("decision", "onboarding", "web", "web-0003"),
            ],
            merged.Transitions.Select(t => (t.FromStage, t.ToStage, t.Source, t.RecordId)));
    }

    [Fact]
    public void Activity_split_across_two_profiles_adds_up_to_adoption_once_merged()
    {
        var phone = new HistoryBuilder("app", "app-")
            .At(Days(0), "subscription_started")
            .At(Days(2), "report_exported");
        var laptop = new HistoryBuilder("web", "web-")
            .At(Days(4), "dashboard_opened")
            .At(Days(6), "dashboard_opened");

        Assert.Equal("onboarding", evaluator.Evaluate(phone.Events).Stage);
        Assert.Null(evaluator.Evaluate(laptop.Events).Stage);

        var merged = evaluator.Evaluate([.. laptop.Events, .. phone.Events]);

        Assert.Equal("adoption", merged.Stage);
        Assert.Equal(("web", "web-0002"), (merged.Transitions[^1].Source, merged.Transitions[^1].RecordId));
    }

    [Fact]
    public void Splitting_a_history_re_evaluates_each_part_on_its_own()
    {
        var own = new HistoryBuilder("crm", "crm-").At(Days(0), "page_viewed");
        var wronglyLinked = new HistoryBuilder("web", "web-").At(Days(1), "review_posted");

        Assert.Equal("advocacy", evaluator.Evaluate([.. own.Events, .. wronglyLinked.Events]).Stage);
        Assert.Equal("awareness", evaluator.Evaluate(own.Events).Stage);
    }
}

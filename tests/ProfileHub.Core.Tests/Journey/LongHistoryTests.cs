using ProfileHub.Core.Journey;

namespace ProfileHub.Core.Tests.Journey;

public sealed class LongHistoryTests
{
    private static readonly string[] Names = ["page_viewed", "product_viewed", "report_exported", "email_opened", "cart_added", "nps_submitted"];

    private readonly StageEvaluator evaluator = new(StageCatalog.Create(JourneySettings.CreateDefault()));

    /// <summary>A long, busy history: an event every 20 minutes, shuffled, with windowed conditions always active.</summary>
    private static JourneyEvent[] LongHistory(int count)
    {
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var random = new Random(42);
        var events = new JourneyEvent[count];
        var noProperties = new Dictionary<string, string>();
        var lowScore = new Dictionary<string, string> { ["score"] = "3" };
        for (var i = 0; i < count; i++)
        {
            var name = Names[i % Names.Length];
            events[i] = new JourneyEvent("web", "r" + i, name, start.AddMinutes(20 * i), name == "nps_submitted" ? lowScore : noProperties);
        }

        events[count / 2] = events[count / 2] with { Name = "purchase_completed" };
        random.Shuffle(events);
        return events;
    }

    // Cost is measured by the ingest benchmark (bench/), not asserted here: timing assertions
    // flake on shared machines. This test pins the behaviour on a long, shuffled history.
    [Fact]
    public void A_history_of_fifty_thousand_shuffled_events_reaches_adoption()
    {
        var history = LongHistory(50_000);

        var result = evaluator.Evaluate(history);

        Assert.Equal("adoption", result.Stage);
        Assert.Equal(result.Transitions.Select(t => t.ToOrder).Order(), result.Transitions.Select(t => t.ToOrder));
    }
}

using System.Diagnostics;
using ProfileHub.Core.Journey;
using Xunit.Abstractions;

namespace ProfileHub.Core.Tests.Journey;

public sealed class EvaluationCostTests(ITestOutputHelper output)
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

    [Fact]
    public void Evaluating_a_history_of_fifty_thousand_events_takes_well_under_a_second()
    {
        var history = LongHistory(50_000);
        StageEvaluation? result = null;
        var best = TimeSpan.MaxValue;

        // The first run includes JIT; the best of a few runs is the steady-state cost.
        for (var run = 0; run < 5; run++)
        {
            var watch = Stopwatch.StartNew();
            result = evaluator.Evaluate(history);
            watch.Stop();
            output.WriteLine($"run {run}: 50,000 events evaluated in {watch.Elapsed.TotalMilliseconds:F1} ms");
            best = watch.Elapsed < best ? watch.Elapsed : best;
        }

        output.WriteLine($"best: {50_000 / best.TotalSeconds:N0} events/s");
        Assert.Equal("adoption", result!.Stage);
        Assert.True(best < TimeSpan.FromSeconds(1), $"took {best}");
    }
}

using System.Diagnostics;
using System.Globalization;
using ProfileHub.Core.Journey;

namespace ProfileHub.Bench.Store;

/// <summary>
/// What one stage evaluation costs as a profile's history grows, for a history the writer holds in
/// evaluation order and for the same history out of order (as a merged history, or one with a late
/// arrival, was held before the writer kept its lists ordered): the latter is copied and sorted on
/// every evaluation.
/// </summary>
internal static class HistoryEvaluation
{
    private static readonly string[] Names = ["page_viewed", "product_viewed", "pricing_viewed", "email_opened", "cart_added"];

    public static void Run()
    {
        var evaluator = new StageEvaluator(StageCatalog.Create(JourneySettings.CreateDefault()));
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var random = new Random(1);
        foreach (var length in (int[])[12, 100, 1_000, 5_000])
        {
            var unordered = Enumerable.Range(0, length)
                .Select(i => new JourneyEvent("web", "r" + i.ToString(CultureInfo.InvariantCulture), Names[random.Next(Names.Length)], start.AddMinutes(random.Next(100_000)), new Dictionary<string, string>()))
                .ToList();
            var ordered = unordered.ToList();
            ordered.Sort(StageEvaluator.EventOrder);
            var inOrder = Measure(evaluator, ordered);
            var outOfOrder = Measure(evaluator, unordered);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"history of {length,5} events: {inOrder,8:F1} µs per evaluation in event order, {outOfOrder,8:F1} µs out of order (copied and sorted), ratio {outOfOrder / inOrder:F1}"));
        }
    }

    private static double Measure(StageEvaluator evaluator, List<JourneyEvent> history)
    {
        for (var i = 0; i < 200; i++)
        {
            evaluator.Evaluate(history);
        }

        // A median of 7 short runs, so one slow moment on a shared machine does not decide the figure.
        var runs = new double[7];
        var repetitions = Math.Max(100, 1_000_000 / history.Count);
        for (var run = 0; run < runs.Length; run++)
        {
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < repetitions; i++)
            {
                evaluator.Evaluate(history);
            }

            runs[run] = watch.Elapsed.TotalMicroseconds / repetitions;
        }

        Array.Sort(runs);
        return runs[runs.Length / 2];
    }
}

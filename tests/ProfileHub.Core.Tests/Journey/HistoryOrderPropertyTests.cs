using FsCheck;
using FsCheck.Fluent;
using ProfileHub.Core.Journey;

namespace ProfileHub.Core.Tests.Journey;

/// <summary>Properties over generated histories: arrival order does not matter and merging never loses ground.</summary>
public sealed class HistoryOrderPropertyTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly string[] EventNames =
    [
        "page_viewed", "ad_clicked", "product_viewed", "pricing_viewed", "cart_added", "demo_requested",
        "purchase_completed", "subscription_started", "report_exported", "nps_submitted", "review_posted",
    ];

    private static readonly string[] Sources = ["web", "crm", "esp"];

    private readonly StageEvaluator evaluator = new(StageCatalog.Create(JourneySettings.CreateDefault()));

    /// <summary>Events on a coarse time grid so that equal timestamps (ties) are common.</summary>
    private static Gen<JourneyEvent[]> Histories(string recordPrefix) =>
        from raw in Gen.ListOf(
            from name in Gen.Elements(EventNames)
            from source in Gen.Elements(Sources)
            from sixHours in Gen.Choose(0, 4 * 90)
            from score in Gen.Choose(0, 10)
            select (name, source, sixHours, score))
        select raw.Select((e, i) => new JourneyEvent(
                e.source,
                recordPrefix + i,
                e.name,
                Start.AddHours(6 * e.sixHours),
                e.name == "nps_submitted"
                    ? new Dictionary<string, string> { ["score"] = e.score.ToString(System.Globalization.CultureInfo.InvariantCulture) }
                    : new Dictionary<string, string>()))
            .ToArray();

    [Fact]
    public void Any_permutation_of_a_history_gives_identical_transitions()
    {
        var cases =
            from history in Histories("r")
            from shuffled in Gen.Shuffle(history)
            select (history, shuffled);

        Prop.ForAll(Arb.From(cases), pair =>
            {
                var inOrder = evaluator.Evaluate(pair.history);
                var outOfOrder = evaluator.Evaluate(pair.shuffled);
                return inOrder.Transitions.SequenceEqual(outOfOrder.Transitions)
                    && inOrder.Stage == outOfOrder.Stage
                    && inOrder.LastActivityAt == outOfOrder.LastActivityAt;
            })
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Evaluating_leaves_the_callers_history_as_it_was_and_a_history_kept_in_event_order_gives_the_same_transitions()
    {
        var shuffledHistories = from history in Histories("r") from shuffled in Gen.Shuffle(history) select shuffled;

        Prop.ForAll(Arb.From(shuffledHistories), shuffled =>
            {
                var list = shuffled.ToList();
                var evaluation = evaluator.Evaluate(list);
                var untouched = list.SequenceEqual(shuffled);
                list.Sort(StageEvaluator.EventOrder);
                return untouched && evaluator.Evaluate(list).Transitions.SequenceEqual(evaluation.Transitions);
            })
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void A_merged_history_reaches_at_least_the_stage_of_each_part()
    {
        var cases = from a in Histories("a") from b in Histories("b") select (a, b);

        Prop.ForAll(Arb.From(cases), pair =>
            {
                var merged = evaluator.Evaluate([.. pair.a, .. pair.b]).Order;
                return merged >= evaluator.Evaluate(pair.a).Order && merged >= evaluator.Evaluate(pair.b).Order;
            })
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Transitions_only_move_forward_in_order_and_time()
    {
        Prop.ForAll(Arb.From(Histories("r")), history =>
            {
                var transitions = evaluator.Evaluate(history).Transitions;
                return transitions.Zip(transitions.Skip(1)).All(p => p.Second.ToOrder > p.First.ToOrder && p.Second.At >= p.First.At
                    && p.Second.FromStage == p.First.ToStage);
            })
            .QuickCheckThrowOnFailure();
    }
}

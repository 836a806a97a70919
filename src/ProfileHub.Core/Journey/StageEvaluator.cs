using ProfileHub.Core.Journey.Rules;

namespace ProfileHub.Core.Journey;

/// <summary>
/// Computes a profile's journey from its whole event history. Deterministic: the history is walked
/// in (time, source, record id) order whatever order it arrives in, so late and out-of-order events,
/// merged histories and split histories all give the answer an in-order replay would.
/// </summary>
/// <remarks>
/// After each event the reached stage is the highest stage whose rule holds over the events up to
/// that point; stages never go backwards, and a jump over several stages is one transition. Each
/// event costs amortised O(conditions that can count it): counters and sliding windows are kept
/// incrementally.
/// </remarks>
public sealed class StageEvaluator(StageCatalog catalog)
{
    private readonly StageCatalog catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));

    /// <summary>
    /// The order in which <see cref="Evaluate"/> walks a history: by time, then source and record id
    /// (ordinal). A caller that keeps its history in this order spares each evaluation a sorted copy.
    /// </summary>
    public static IComparer<JourneyEvent> EventOrder => JourneyEventOrder.Instance;

    /// <summary>Evaluates <paramref name="history"/> (any order) from scratch.</summary>
    public StageEvaluation Evaluate(IReadOnlyList<JourneyEvent> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (history.Count == 0)
        {
            return new StageEvaluation(null, 0, null, [], null);
        }

        // Stores usually keep histories in time order already: those are walked as they are, and
        // only a history with late arrivals is copied and sorted.
        var ordered = history;
        if (!IsOrdered(history))
        {
            var sorted = history.ToArray();
            Array.Sort(sorted, JourneyEventOrder.Instance);
            ordered = sorted;
        }

        var stages = catalog.CompiledStages;
        var states = new ConditionState?[catalog.ConditionCount];
        var reachedAt = new DateTimeOffset?[stages.Count + 1];
        var transitions = new List<StageTransition>();
        var current = 0;

        for (var i = 0; i < ordered.Count; i++)
        {
            var journeyEvent = ordered[i];
            var best = current;
            foreach (var condition in catalog.ConditionsFor(journeyEvent.Name))
            {
                // Conditions come highest stage first: nothing below the best so far can matter.
                if (condition.StageOrder <= best)
                {
                    break;
                }

                if (!Counts(condition, journeyEvent, reachedAt))
                {
                    continue;
                }

                var state = states[condition.Index] ??= new ConditionState(condition);
                if (state.Observe(journeyEvent.OccurredAt))
                {
                    best = condition.StageOrder;
                }
            }

            if (best > current)
            {
                var enteredStage = stages[best - 1];
                var entered = enteredStage.Definition;
                transitions.Add(new StageTransition(
                    current == 0 ? null : stages[current - 1].Definition.Key,
                    entered.Key,
                    entered.Order,
                    journeyEvent.OccurredAt,
                    journeyEvent.Source,
                    journeyEvent.RecordId,
                    enteredStage.TransitionReason));
                for (var order = current + 1; order <= best; order++)
                {
                    reachedAt[order] = journeyEvent.OccurredAt;
                }

                current = best;
            }
        }

        var last = transitions.Count > 0 ? transitions[^1] : null;
        return new StageEvaluation(last?.ToStage, current, last?.At, transitions, ordered[^1].OccurredAt);
    }

    private static bool IsOrdered(IReadOnlyList<JourneyEvent> events)
    {
        for (var i = 1; i < events.Count; i++)
        {
            if (JourneyEventOrder.Instance.Compare(events[i - 1], events[i]) > 0)
            {
                return false;
            }
        }

        return true;
    }

    private static bool Counts(CompiledCondition condition, JourneyEvent journeyEvent, DateTimeOffset?[] reachedAt)
    {
        // With After, the After stage must have been entered by an earlier event: the entering event
        // itself does not count (a purchase that onboards is not a repeat purchase). Windows slide
        // rather than being pinned to the entry, so adding events (a merge) can only count more:
        // a merged history never evaluates below either of its parts.
        if (condition.AfterOrder > 0 && reachedAt[condition.AfterOrder] is null)
        {
            return false;
        }

        return condition.Accepts(journeyEvent);
    }
}

namespace ProfileHub.Core.Journey.Rules;

/// <summary>
/// Running counters of one condition during one evaluation. Events arrive in time order, so a
/// sliding window is a queue whose oldest entries fall out as time advances: each event costs
/// amortised O(1), never a rescan of the history.
/// </summary>
internal sealed class ConditionState(CompiledCondition condition)
{
    // Only a condition with a sliding window needs the queues.
    private readonly Queue<long>? windowTicks = condition.Slides ? new() : null;
    private readonly Queue<long>? windowDays = condition.Slides ? new() : null;
    private long count;
    private long distinctDays;
    private long lastDay = long.MinValue;

    /// <summary>Counts one accepted event; returns whether the condition holds afterwards.</summary>
    public bool Observe(DateTimeOffset at)
    {
        var ticks = at.UtcTicks;
        var day = ticks / TimeSpan.TicksPerDay;
        if (windowTicks is not null && windowDays is not null)
        {
            Slide(windowTicks, windowDays, ticks - condition.Within!.Value.Ticks);
            windowTicks.Enqueue(ticks);
            if (windowDays.Count == 0 || lastDay != day)
            {
                windowDays.Enqueue(day);
            }

            count = windowTicks.Count;
            distinctDays = windowDays.Count;
        }
        else
        {
            count++;
            if (lastDay != day)
            {
                distinctDays++;
            }
        }

        lastDay = day;
        return count >= condition.MinCount && (condition.ActiveDays is not { } days || distinctDays >= days);
    }

    private static void Slide(Queue<long> windowTicks, Queue<long> windowDays, long windowStartTicks)
    {
        while (windowTicks.Count > 0 && windowTicks.Peek() < windowStartTicks)
        {
            windowTicks.Dequeue();
        }

        // Days are queued in time order, so a day leaves once the oldest event left is on a later day.
        var oldestDay = windowTicks.Count > 0 ? windowTicks.Peek() / TimeSpan.TicksPerDay : long.MaxValue;
        while (windowDays.Count > 0 && windowDays.Peek() < oldestDay)
        {
            windowDays.Dequeue();
        }
    }
}

namespace ProfileHub.Core.Journey.Rules;

/// <summary>A validated condition of one stage's rule.</summary>
internal sealed class CompiledCondition(
    int index,
    int stageOrder,
    int afterOrder,
    IReadOnlySet<string>? events,
    IReadOnlySet<string>? sources,
    IReadOnlyList<CompiledPredicate> where,
    int minCount,
    TimeSpan? within,
    int? activeDays)
{
    /// <summary>Position among all conditions of the catalog (index of its evaluation state).</summary>
    public int Index { get; } = index;

    /// <summary>Order of the stage whose rule this condition belongs to.</summary>
    public int StageOrder { get; } = stageOrder;

    /// <summary>Order of the rule's <c>After</c> stage; 0 when the rule has none.</summary>
    public int AfterOrder { get; } = afterOrder;

    /// <summary>Event names that count; null means any event.</summary>
    public IReadOnlySet<string>? Events { get; } = events;

    /// <summary>Sources that count; null means any source.</summary>
    public IReadOnlySet<string>? Sources { get; } = sources;

    public IReadOnlyList<CompiledPredicate> Where { get; } = where;

    public int MinCount { get; } = minCount;

    public TimeSpan? Within { get; } = within;

    public int? ActiveDays { get; } = activeDays;

    /// <summary>True when counting happens in a sliding window; false when it is cumulative over the history.</summary>
    public bool Slides => Within is not null;

    /// <summary>Whether the event is one this condition counts (its name is checked by the caller's index).</summary>
    public bool Accepts(JourneyEvent journeyEvent)
    {
        if (Sources is not null && !Sources.Contains(journeyEvent.Source))
        {
            return false;
        }

        for (var i = 0; i < Where.Count; i++)
        {
            if (!Where[i].Matches(journeyEvent.Properties))
            {
                return false;
            }
        }

        return true;
    }
}

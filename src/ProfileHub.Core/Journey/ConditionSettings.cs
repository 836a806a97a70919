namespace ProfileHub.Core.Journey;

/// <summary>
/// One condition of a stage rule: which events count and how many of them are needed.
/// </summary>
public sealed class ConditionSettings
{
    /// <summary>Event names that count (ordinal match); empty means any event.</summary>
    public List<string> Events { get; set; } = [];

    /// <summary>Sources whose events count (ordinal match); empty means any source.</summary>
    public List<string> Sources { get; set; } = [];

    /// <summary>Property predicates an event must all satisfy to count.</summary>
    public List<PredicateSettings> Where { get; set; } = [];

    /// <summary>How many counting events are needed (at least 1).</summary>
    public int MinCount { get; set; } = 1;

    /// <summary>
    /// The <see cref="MinCount"/> counting events (and <see cref="ActiveDays"/> days) must fall
    /// within one sliding window of this length; null means anywhere in the history. The window
    /// slides rather than starting at the <see cref="StageRuleSettings.After"/> stage's entry so
    /// that more evidence (a merged history) can never lower a stage.
    /// </summary>
    public TimeSpan? Within { get; set; }

    /// <summary>
    /// When set, counting events must also cover this many distinct UTC calendar days (within
    /// <see cref="Within"/> when that is set).
    /// </summary>
    public int? ActiveDays { get; set; }
}

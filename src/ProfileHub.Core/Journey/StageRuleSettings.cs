namespace ProfileHub.Core.Journey;

/// <summary>
/// A stage rule: it holds when any one of its conditions holds.
/// </summary>
public sealed class StageRuleSettings
{
    /// <summary>The conditions; at least one is required.</summary>
    public List<ConditionSettings> AnyOf { get; set; } = [];

    /// <summary>
    /// Key of an earlier stage that must have been entered first. Only events after the event that
    /// entered it (or jumped past it) count for this rule; that event itself does not.
    /// </summary>
    public string? After { get; set; }
}

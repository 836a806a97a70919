using System.Collections.Frozen;
using ProfileHub.Core.Journey.Rules;

namespace ProfileHub.Core.Journey;

/// <summary>
/// The validated, compiled stage catalog: the ordered stages and the rules that place a profile in
/// them. Immutable and thread-safe; create one at start-up.
/// </summary>
public sealed class StageCatalog
{
    private readonly FrozenDictionary<string, StageDefinition> byKey;
    private readonly FrozenDictionary<string, CompiledCondition[]> conditionsByEvent;
    private readonly CompiledCondition[] anyEventConditions;

    private StageCatalog(IReadOnlyList<CompiledStage> stages, TimeSpan atRiskAfter)
    {
        CompiledStages = stages;
        Stages = [.. stages.Select(s => s.Definition)];
        byKey = Stages.ToFrozenDictionary(s => s.Key, StringComparer.Ordinal);
        AtRiskAfter = atRiskAfter;

        var all = stages.SelectMany(s => s.Conditions).ToArray();
        ConditionCount = all.Length;
        anyEventConditions = [.. all.Where(c => c.Events is null)];
        var names = all.Where(c => c.Events is not null).SelectMany(c => c.Events!).Distinct(StringComparer.Ordinal);

        // Each name maps to the conditions that count it plus the any-event ones, highest stage first,
        // so the evaluator touches only conditions an event can move.
        conditionsByEvent = names.ToFrozenDictionary(
            name => name,
            name => all.Where(c => c.Events is null || c.Events.Contains(name)).OrderByDescending(c => c.StageOrder).ToArray(),
            StringComparer.Ordinal);
        Array.Sort(anyEventConditions, (a, b) => b.StageOrder.CompareTo(a.StageOrder));
        RelevantEventNames = anyEventConditions.Length > 0 ? null : conditionsByEvent.Keys.ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>The stages in order (lowest first).</summary>
    public IReadOnlyList<StageDefinition> Stages { get; }

    /// <summary>Inactivity after onboarding that flags a profile at risk.</summary>
    public TimeSpan AtRiskAfter { get; }

    /// <summary>
    /// Event names any rule can count, so the store loads only events that can matter; null when
    /// some condition counts any event (then every event is relevant).
    /// </summary>
    public IReadOnlySet<string>? RelevantEventNames { get; }

    internal IReadOnlyList<CompiledStage> CompiledStages { get; }

    internal int ConditionCount { get; }

    /// <summary>
    /// Validates and compiles <paramref name="settings"/>. Empty <see cref="JourneySettings.Stages"/>
    /// means the default catalog.
    /// </summary>
    /// <exception cref="JourneyConfigurationException">A stage or rule is invalid; the message names it and the problem.</exception>
    public static StageCatalog Create(JourneySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.AtRiskAfter <= TimeSpan.Zero)
        {
            throw new JourneyConfigurationException(
                JourneySettings.SectionName + ":AtRiskAfter",
                $"must be positive (got {settings.AtRiskAfter})");
        }

        var stages = settings.Stages is { Count: > 0 } configured ? configured : DefaultJourney.CreateStages();
        return new StageCatalog(RuleCompiler.Compile(stages), settings.AtRiskAfter);
    }

    /// <summary>The stage with <paramref name="key"/> (ordinal), or null.</summary>
    public StageDefinition? Find(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return byKey.GetValueOrDefault(key);
    }

    /// <summary>Whether an event with this name can affect any stage rule.</summary>
    public bool IsRelevant(string eventName)
    {
        ArgumentNullException.ThrowIfNull(eventName);
        return RelevantEventNames is null || RelevantEventNames.Contains(eventName);
    }

    /// <summary>Conditions that may count an event named <paramref name="eventName"/>, highest stage first.</summary>
    internal CompiledCondition[] ConditionsFor(string eventName) =>
        conditionsByEvent.TryGetValue(eventName, out var conditions) ? conditions : anyEventConditions;
}

namespace ProfileHub.Core.Journey;

/// <summary>A stage of the validated catalog.</summary>
/// <param name="Key">Stable key.</param>
/// <param name="DisplayName">Human-readable name.</param>
/// <param name="Order">Position in the catalog, 1-based (higher is further along).</param>
/// <param name="RuleSummary">The rule in words, for <c>ListStages</c> and operators.</param>
public sealed record StageDefinition(string Key, string DisplayName, int Order, string RuleSummary);

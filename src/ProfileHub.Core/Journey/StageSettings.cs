namespace ProfileHub.Core.Journey;

/// <summary>One configured stage of the journey catalog.</summary>
public sealed class StageSettings
{
    /// <summary>Stable key used by the API and storage (for example <c>decision</c>).</summary>
    public string Key { get; set; } = "";

    /// <summary>Human-readable name; the key is shown when empty.</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>The evidence that puts a profile in this stage.</summary>
    public StageRuleSettings Rule { get; set; } = new();
}

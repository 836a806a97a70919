namespace ProfileHub.Core.Traits;

/// <summary>Trait reconciliation settings, bound by the host from <c>ProfileHub:Traits</c>.</summary>
/// <remarks>
/// <see cref="SourcePriority"/> starts empty because the configuration binder appends to a list
/// that already has items; empty means <see cref="DefaultSourcePriority"/>, and a configured list
/// replaces it entirely.
/// </remarks>
public sealed class TraitSettings
{
    /// <summary>The configuration section the host binds.</summary>
    public const string SectionName = "ProfileHub:Traits";

    /// <summary>The default order: crm, support, email, web.</summary>
    public static IReadOnlyList<string> DefaultSourcePriority { get; } = ["crm", "support", "email", "web"];

    /// <summary>Sources, most trusted first (compared case-insensitively); sources not listed rank lowest. Empty means <see cref="DefaultSourcePriority"/>.</summary>
    public List<string> SourcePriority { get; set; } = [];
}

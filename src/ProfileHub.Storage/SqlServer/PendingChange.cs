using ProfileHub.Core.Changes;

namespace ProfileHub.Storage.SqlServer;

/// <summary>A change-feed entry; its sequence is assigned at commit from the counter row.</summary>
internal sealed record PendingChange(
    ChangeKind Kind,
    string ProfileId,
    long At,
    string? CausedBy,
    IReadOnlyList<string>? Ids = null,
    string? FromStage = null,
    string? ToStage = null,
    bool? AtRisk = null,
    IReadOnlyList<string>? TraitNames = null);

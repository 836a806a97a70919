using ProfileHub.Contracts.V1;

namespace ProfileHub.Cli.Rendering;

/// <summary>One change of the feed as a table row (watch and changes share it).</summary>
internal static class ChangeLine
{
    public static TextTable NewTable() => new("AT", "CHANGE", "PROFILE", "DETAIL", "CURSOR");

    public static void Add(TextTable table, Change change) =>
        table.Add(Formats.Time(change.At), Kind(change.Type), change.ProfileId, Detail(change), change.Cursor);

    public static string Format(Change change) =>
        string.Join("  ", Formats.Time(change.At), Kind(change.Type).PadRight(19), change.ProfileId, Detail(change), "cursor=" + change.Cursor);

    private static string Kind(ChangeType type) => type switch
    {
        ChangeType.ProfileCreated => "profile_created",
        ChangeType.ProfileMerged => "profile_merged",
        ChangeType.ProfileSplit => "profile_split",
        ChangeType.IdentifiersChanged => "identifiers_changed",
        ChangeType.TraitsChanged => "traits_changed",
        ChangeType.StageChanged => "stage_changed",
        ChangeType.AtRiskChanged => "at_risk_changed",
        ChangeType.ProfileForgotten => "profile_forgotten",
        _ => "unspecified",
    };

    private static string Detail(Change change) => change.Type switch
    {
        ChangeType.StageChanged => (change.FromStage.Length == 0 ? "-" : change.FromStage) + " -> " + change.ToStage,
        ChangeType.AtRiskChanged => change.AtRisk ? "at risk" : "no longer at risk",
        ChangeType.ProfileMerged => "absorbed " + string.Join(",", change.MergedProfileIds),
        ChangeType.ProfileSplit => "into " + string.Join(",", change.SplitProfileIds),
        ChangeType.TraitsChanged => string.Join(",", change.TraitNames),
        _ => change.CausedBy.Length == 0 ? "-" : change.CausedBy,
    };
}

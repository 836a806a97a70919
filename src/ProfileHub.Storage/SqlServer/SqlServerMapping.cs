using ProfileHub.Core.Changes;
using ProfileHub.Core.Journey;
using ProfileHub.Core.Profiles;
using ProfileHub.Storage.Sqlite;

namespace ProfileHub.Storage.SqlServer;

/// <summary>Rows to domain values (the same encodings as the SQLite store: ticks and JSON).</summary>
internal static class SqlServerMapping
{
    public static StageTransition Transition(SqlTransitionRow row) =>
        new(row.FromStage, row.ToStage, row.ToOrder, StoredTime.FromTicks(row.At), row.Source, row.RecordId, row.Reason);

    public static StageView StageView(SqlProfileRow row) =>
        new(row.ProfileId, row.Stage, row.StageOrder, StoredTime.FromTicks(row.StageEnteredAt), row.AtRisk, row.Version);

    public static ProfileChange Change(SqlChangeRow row) => StoredChange.ToChange(
        row.Seq, row.Kind, row.ProfileId, row.At, row.IdsJson, row.FromStage, row.ToStage, row.AtRisk, row.CausedBy, row.TraitNamesJson);
}

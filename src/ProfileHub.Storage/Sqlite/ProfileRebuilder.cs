using ProfileHub.Core.Changes;
using ProfileHub.Core.Ingest;
using ProfileHub.Core.Journey;
using ProfileHub.Core.Profiles;

namespace ProfileHub.Storage.Sqlite;

/// <summary>
/// Recomputes a profile from the records it holds after an admin operation moved records between
/// profiles: traits reconciled over every record, the journey re-evaluated over the combined
/// history, activity and at-risk; writes the row and transitions and the change entries.
/// </summary>
internal sealed class ProfileRebuilder(AdminSql sql, IIngestRules rules, ChangeWriter changes, long nowTicks)
{
    public void Rebuild(string profileId, long createdAt, string firstSource, string causedBy)
    {
        var records = sql.Query<RebuildRecordRow>(
            """
            SELECT source AS Source, record_id AS RecordId, occurred_at AS OccurredAt, event AS Event, stage_relevant AS StageRelevant,
                   properties_json AS PropertiesJson, traits_json AS TraitsJson
            FROM records WHERE profile_id = @Id ORDER BY occurred_at, source, record_id
            """,
            new { Id = profileId });

        var replay = ProfileReplay.Of(records, rules, nowTicks);
        var (traits, evaluation, lastActivity, atRisk) = replay;
        var before = sql.Query<RebuildProfileRow>(
            "SELECT stage AS Stage, traits_json AS TraitsJson, at_risk AS AtRisk FROM profiles WHERE profile_id = @Id",
            new { Id = profileId }).FirstOrDefault();

        sql.Execute("DELETE FROM stage_transitions WHERE profile_id = @Id", new { Id = profileId });
        for (var i = 0; i < evaluation.Transitions.Count; i++)
        {
            var t = evaluation.Transitions[i];
            sql.Execute(
                """
                INSERT INTO stage_transitions (profile_id, seq, from_stage, to_stage, to_order, at, source, record_id, reason)
                VALUES (@Id, @Seq, @From, @To, @Order, @At, @Source, @RecordId, @Reason)
                """,
                new { Id = profileId, Seq = i, From = t.FromStage, To = t.ToStage, Order = t.ToOrder, At = StoredTime.ToTicks(t.At), t.Source, t.RecordId, t.Reason });
        }

        var columns = new
        {
            Id = profileId,
            Created = createdAt,
            Now = nowTicks,
            evaluation.Stage,
            evaluation.Order,
            Entered = replay.EnteredTicks,
            FirstStage = replay.FirstStageTicks,
            AtRisk = atRisk ? 1 : 0,
            Last = lastActivity,
            Traits = StoredJson.WriteTraits(traits),
            Source = firstSource,
        };
        if (before is null)
        {
            sql.Execute(
                """
                INSERT INTO profiles (profile_id, created_at, updated_at, version, stage, stage_order, stage_entered_at, first_stage_at,
                                      at_risk, last_activity_at, traits_json, first_source)
                VALUES (@Id, @Created, @Now, 1, @Stage, @Order, @Entered, @FirstStage, @AtRisk, @Last, @Traits, @Source)
                """,
                columns);
        }
        else
        {
            sql.Execute(
                """
                UPDATE profiles SET updated_at = @Now, version = version + 1, stage = @Stage, stage_order = @Order, stage_entered_at = @Entered,
                                    first_stage_at = @FirstStage, at_risk = @AtRisk, last_activity_at = @Last, traits_json = @Traits
                WHERE profile_id = @Id
                """,
                columns);
        }

        var changedTraits = replay.ChangedTraitsSince(before?.TraitsJson);
        if (changedTraits.Count > 0)
        {
            changes.Append(ChangeKind.TraitsChanged, profileId, nowTicks, causedBy, traitNames: changedTraits);
        }

        if (!string.Equals(before?.Stage, evaluation.Stage, StringComparison.Ordinal))
        {
            changes.Append(ChangeKind.StageChanged, profileId, nowTicks, causedBy, fromStage: before?.Stage, toStage: evaluation.Stage);
        }

        if (before is not null && (before.AtRisk != 0) != atRisk)
        {
            changes.Append(ChangeKind.AtRiskChanged, profileId, nowTicks, causedBy, atRisk: atRisk);
        }
    }
}

using ProfileHub.Core.Changes;
using ProfileHub.Core.Ingest;
using ProfileHub.Core.Journey;
using ProfileHub.Core.Profiles;
using ProfileHub.Storage.Sqlite;

namespace ProfileHub.Storage.SqlServer;

/// <summary>
/// Recomputes a profile's traits, stage history, stage and at-risk flag from its records after a
/// manual merge or a split, as the SQLite store's rebuilder does, and records what changed.
/// </summary>
internal sealed class SqlServerProfileRebuilder(SqlServerAdminSession session)
{
    public async Task RebuildAsync(string profileId, long createdAt, string firstSource, string causedBy)
    {
        var rules = session.Rules;
        var nowTicks = session.NowTicks;
        var records = await session.QueryAsync<RebuildRecordRow>(SqlServerSql.RebuildRecords, new { Id = profileId });

        var replay = ProfileReplay.Of(records, rules, nowTicks);
        var (traits, evaluation, lastActivity, atRisk) = replay;
        var before = (await session.QueryAsync<RebuildProfileRow>(SqlServerSql.RebuildBefore, new { Id = profileId })).FirstOrDefault();

        await session.ExecuteAsync(SqlServerSql.DeleteTransitionsOfProfile, new { Id = profileId });
        for (var i = 0; i < evaluation.Transitions.Count; i++)
        {
            var t = evaluation.Transitions[i];
            await session.ExecuteAsync(
                SqlServerSql.InsertTransition,
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
            AtRisk = atRisk,
            Last = lastActivity,
            Traits = StoredJson.WriteTraits(traits),
            Source = firstSource,
        };
        await session.ExecuteAsync(before is null ? SqlServerSql.InsertRebuiltProfile : SqlServerSql.UpdateRebuiltProfile, columns);

        var changedTraits = replay.ChangedTraitsSince(before?.TraitsJson);
        if (changedTraits.Count > 0)
        {
            session.Changes.Add(new PendingChange(ChangeKind.TraitsChanged, profileId, nowTicks, causedBy, TraitNames: changedTraits));
        }

        if (!string.Equals(before?.Stage, evaluation.Stage, StringComparison.Ordinal))
        {
            session.Changes.Add(new PendingChange(ChangeKind.StageChanged, profileId, nowTicks, causedBy, FromStage: before?.Stage, ToStage: evaluation.Stage));
        }

        if (before is not null && (before.AtRisk != 0) != atRisk)
        {
            session.Changes.Add(new PendingChange(ChangeKind.AtRiskChanged, profileId, nowTicks, causedBy, AtRisk: atRisk));
        }
    }
}

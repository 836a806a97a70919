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

        IReadOnlyDictionary<string, TraitValue> traits = new Dictionary<string, TraitValue>(StringComparer.Ordinal);
        var events = new List<JourneyEvent>();
        long? lastActivity = null;
        foreach (var record in records)
        {
            var properties = StoredJson.ReadMap(record.PropertiesJson);
            var occurredAt = StoredTime.FromTicks(record.OccurredAt);
            if (record.TraitsJson is not null)
            {
                var normalized = new NormalizedRecord(record.Source, record.RecordId, occurredAt, [], record.Event, properties, StoredJson.ReadMap(record.TraitsJson), []);
                traits = rules.ApplyTraits(traits, normalized).Traits;
            }

            if (record.Event is not null)
            {
                lastActivity = lastActivity is null ? record.OccurredAt : Math.Max(lastActivity.Value, record.OccurredAt);
            }

            if (record.StageRelevant != 0 && record.Event is not null)
            {
                events.Add(new JourneyEvent(record.Source, record.RecordId, record.Event, occurredAt, properties));
            }
        }

        var evaluation = rules.EvaluateStage(events);
        if (evaluation.LastActivityAt is { } last)
        {
            lastActivity = lastActivity is null ? StoredTime.ToTicks(last) : Math.Max(lastActivity.Value, StoredTime.ToTicks(last));
        }

        var atRisk = rules.IsAtRisk(evaluation.Order, lastActivity is { } a ? StoredTime.FromTicks(a) : null, StoredTime.FromTicks(nowTicks));
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
            Entered = evaluation.EnteredAt is { } entered ? StoredTime.ToTicks(entered) : (long?)null,
            FirstStage = evaluation.Transitions.Count > 0 ? StoredTime.ToTicks(evaluation.Transitions[0].At) : (long?)null,
            AtRisk = atRisk,
            Last = lastActivity,
            Traits = StoredJson.WriteTraits(traits),
            Source = firstSource,
        };
        await session.ExecuteAsync(before is null ? SqlServerSql.InsertRebuiltProfile : SqlServerSql.UpdateRebuiltProfile, columns);

        var previousTraits = StoredJson.ReadTraits(before?.TraitsJson);
        var changedTraits = traits.Keys.Union(previousTraits.Keys, StringComparer.Ordinal)
            .Where(name => !traits.TryGetValue(name, out var now) || !previousTraits.TryGetValue(name, out var then) || now != then)
            .Order(StringComparer.Ordinal)
            .ToList();
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

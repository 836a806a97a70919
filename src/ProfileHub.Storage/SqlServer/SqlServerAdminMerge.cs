using ProfileHub.Core.Admin;
using ProfileHub.Core.Changes;
using ProfileHub.Core.Errors;
using ProfileHub.Core.Identity;
using ProfileHub.Core.Profiles;
using ProfileHub.Storage.Sqlite;

namespace ProfileHub.Storage.SqlServer;

/// <summary>A manual merge (as the SQLite store's): the oldest profile absorbs the other, the link is kept as evidence and audited.</summary>
internal static class SqlServerAdminMerge
{
    public static async Task<MergeResult> RunAsync(
        SqlServerAdminSession session, int lockTimeoutMs, ProfileKey target, ProfileKey source, bool force, string actor, string reason, IMergeLimits limits)
    {
        var ids = await session.ResolveAndLockAsync(lockTimeoutMs, target, source);
        var targetId = ids[0] ?? throw new ProfileNotFoundException("target");
        var sourceId = ids[1] ?? throw new ProfileNotFoundException("source");
        if (string.Equals(targetId, sourceId, StringComparison.Ordinal))
        {
            throw new InvalidFieldException("source", "resolves to the same profile as target");
        }

        var a = await IdentityAsync(session, targetId);
        var b = await IdentityAsync(session, sourceId);
        var violation = limits.CheckMerge(a, b);
        if (violation is not null && !force)
        {
            throw violation.ToException();
        }

        var ordered = new[] { a, b }.OrderBy(p => p.CreatedAt).ThenBy(p => p.ProfileId, StringComparer.Ordinal).ToArray();
        var survivor = ordered[0];
        var absorbed = ordered[1];
        var now = session.NowTicks;
        var auditId = await session.AuditAsync(actor, violation is null ? AdminActions.Merge : AdminActions.ForcedMerge, reason, [survivor.ProfileId, absorbed.ProfileId]);
        var recordId = EvidenceRows.AuditRecordId(auditId);

        var first = await RepresentativeAsync(session, survivor.ProfileId);
        var second = await RepresentativeAsync(session, absorbed.ProfileId);
        if (first is not null && second is not null)
        {
            await session.ExecuteAsync(
                SqlServerSql.InsertManualLink,
                new { AuditId = auditId, At = now, AType = first.Type, AValue = first.Value, BType = second.Type, BValue = second.Value });
        }

        var move = new { A = absorbed.ProfileId, S = survivor.ProfileId, At = now, Source = EvidenceRows.ManualSource, RecordId = recordId, Rule = EvidenceRules.ManualMerge };
        foreach (var statement in new[]
        {
            SqlServerSql.MoveIdentifiers, SqlServerSql.MovePeople, SqlServerSql.DeletePeopleOfProfile, SqlServerSql.MoveRecords, SqlServerSql.MoveAliases,
            SqlServerSql.InsertAlias, SqlServerSql.InsertMerge, SqlServerSql.DeleteTransitionsOf, SqlServerSql.DeleteProfileRow,
        })
        {
            await session.ExecuteAsync(statement, move);
        }

        var causedBy = string.Concat(EvidenceRows.ManualSource, "/", recordId);
        session.Changes.Add(new PendingChange(ChangeKind.ProfileMerged, survivor.ProfileId, now, causedBy, Ids: [absorbed.ProfileId]));
        var origin = (await session.QueryAsync<ProfileOriginRow>(SqlServerSql.ProfileOrigin, new { Id = survivor.ProfileId })).Single();
        await new SqlServerProfileRebuilder(session).RebuildAsync(survivor.ProfileId, StoredTime.ToTicks(survivor.CreatedAt), origin.FirstSource, causedBy);

        var affected = (await session.QueryAsync<ProfileIdentifierRow>(SqlServerSql.EvidenceIdentifiers, new { Id = survivor.ProfileId })).Select(i => i.Key).ToList();
        return new MergeResult(survivor.ProfileId, [absorbed.ProfileId], affected);
    }

    private static async Task<ProfileIdentity> IdentityAsync(SqlServerAdminSession session, string profileId)
    {
        var created = await session.ScalarAsync<long>(SqlServerSql.ProfileCreatedAt, new { Id = profileId });
        var counts = (await session.QueryAsync<SqlCountRow>(SqlServerSql.ProfileTypeCounts, new { Id = profileId }))
            .ToDictionary(c => c.Type, c => c.Count, StringComparer.Ordinal);
        return new ProfileIdentity(profileId, StoredTime.FromTicks(created), counts);
    }

    private static async Task<ProfileIdentifierRow?> RepresentativeAsync(SqlServerAdminSession session, string profileId) =>
        (await session.QueryAsync<ProfileIdentifierRow>(SqlServerSql.EvidenceIdentifiers, new { Id = profileId }))
            .OrderBy(i => i.Shared)
            .ThenBy(i => i.FirstSeen)
            .ThenBy(i => i.Type, StringComparer.Ordinal)
            .ThenBy(i => i.Value, StringComparer.Ordinal)
            .FirstOrDefault();
}

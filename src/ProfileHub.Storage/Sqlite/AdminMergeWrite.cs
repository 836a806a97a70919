using ProfileHub.Core.Admin;
using ProfileHub.Core.Changes;
using ProfileHub.Core.Errors;
using ProfileHub.Core.Identity;
using ProfileHub.Core.Profiles;

namespace ProfileHub.Storage.Sqlite;

/// <summary>A manual merge: the oldest profile absorbs the other, the merge is logged as evidence and audited.</summary>
internal sealed class AdminMergeWrite(
    ProfileKey target,
    ProfileKey source,
    bool force,
    string actor,
    string reason,
    IMergeLimits limits,
    int timeoutSeconds) : WriteRequest<MergeResult>
{
    public override int Size => 1;

    protected override MergeResult Run(WriterSession session)
    {
        var sql = AdminSql.For(session, timeoutSeconds);
        var targetId = sql.Resolve(target) ?? throw new ProfileNotFoundException("target");
        var sourceId = sql.Resolve(source) ?? throw new ProfileNotFoundException("source");
        if (string.Equals(targetId, sourceId, StringComparison.Ordinal))
        {
            throw new InvalidFieldException("source", "resolves to the same profile as target");
        }

        var a = Identity(sql, targetId);
        var b = Identity(sql, sourceId);
        var violation = limits.CheckMerge(a, b);
        if (violation is not null && !force)
        {
            throw violation.ToException();
        }

        var ordered = new[] { a, b }.OrderBy(p => p.CreatedAt).ThenBy(p => p.ProfileId, StringComparer.Ordinal).ToArray();
        var survivor = ordered[0];
        var absorbed = ordered[1];
        var now = session.NowTicks;
        var auditId = sql.Audit(now, actor, violation is null ? AdminActions.Merge : AdminActions.ForcedMerge, reason, [survivor.ProfileId, absorbed.ProfileId]);
        var recordId = EvidenceRows.AuditRecordId(auditId);

        var first = Representative(sql, survivor.ProfileId);
        var second = Representative(sql, absorbed.ProfileId);
        if (first is not null && second is not null)
        {
            sql.Execute(
                "INSERT INTO manual_links (audit_id, at, a_type, a_value, b_type, b_value) VALUES (@AuditId, @At, @AType, @AValue, @BType, @BValue)",
                new { AuditId = auditId, At = now, AType = first.Type, AValue = first.Value, BType = second.Type, BValue = second.Value });
        }

        var ids = new { A = absorbed.ProfileId, S = survivor.ProfileId, At = now, Source = EvidenceRows.ManualSource, RecordId = recordId, Rule = EvidenceRules.ManualMerge };
        sql.Execute("UPDATE identifiers SET profile_id = @S WHERE profile_id = @A", ids);
        sql.Execute("UPDATE OR IGNORE identifier_people SET profile_id = @S WHERE profile_id = @A", ids);
        sql.Execute("DELETE FROM identifier_people WHERE profile_id = @A", ids);
        sql.Execute("UPDATE records SET profile_id = @S WHERE profile_id = @A", ids);
        sql.Execute("UPDATE profile_aliases SET profile_id = @S WHERE profile_id = @A", ids);
        sql.Execute("INSERT INTO profile_aliases (alias_id, profile_id, merged_at) VALUES (@A, @S, @At)", ids);
        sql.Execute("INSERT INTO merges (absorbed_id, survivor_id, source, record_id, rule, at) VALUES (@A, @S, @Source, @RecordId, @Rule, @At)", ids);
        sql.Execute("DELETE FROM stage_transitions WHERE profile_id = @A", ids);
        sql.Execute("DELETE FROM profiles WHERE profile_id = @A", ids);

        var causedBy = string.Concat(EvidenceRows.ManualSource, "/", recordId);
        session.Changes.Append(ChangeKind.ProfileMerged, survivor.ProfileId, now, causedBy, ids: [absorbed.ProfileId]);
        var firstSource = sql.Scalar<string>("SELECT first_source FROM profiles WHERE profile_id = @Id", new { Id = survivor.ProfileId })!;
        new ProfileRebuilder(sql, session.Rules, session.Changes, now)
            .Rebuild(survivor.ProfileId, StoredTime.ToTicks(survivor.CreatedAt), firstSource, causedBy);
        session.ClearCaches();

        var affected = EvidenceRows.Identifiers(sql, survivor.ProfileId).Select(i => i.Key).ToList();
        return new MergeResult(survivor.ProfileId, [absorbed.ProfileId], affected);
    }

    private static ProfileIdentity Identity(AdminSql sql, string profileId)
    {
        var created = sql.Scalar<long>("SELECT created_at FROM profiles WHERE profile_id = @Id", new { Id = profileId });
        var counts = sql.Query<(string Type, long Count)>("SELECT type, count(*) FROM identifiers WHERE profile_id = @Id GROUP BY type", new { Id = profileId })
            .ToDictionary(c => c.Type, c => (int)c.Count, StringComparer.Ordinal);
        return new ProfileIdentity(profileId, StoredTime.FromTicks(created), counts);
    }

    private static ProfileIdentifierRow? Representative(AdminSql sql, string profileId) =>
        EvidenceRows.Identifiers(sql, profileId)
            .OrderBy(i => i.Shared)
            .ThenBy(i => i.FirstSeen)
            .ThenBy(i => i.Type, StringComparer.Ordinal)
            .ThenBy(i => i.Value, StringComparer.Ordinal)
            .FirstOrDefault();
}

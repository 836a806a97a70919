using ProfileHub.Core.Admin;
using ProfileHub.Core.Changes;
using ProfileHub.Core.Errors;
using ProfileHub.Core.Identity;
using ProfileHub.Core.Profiles;

namespace ProfileHub.Storage.Sqlite;

/// <summary>
/// Removes wrong evidence from a profile and re-partitions it into the connected components of what
/// remains. The component holding the oldest evidence keeps the id; the others become profiles with
/// deterministic ids (the id the component's oldest record would have created, so undoing a merge
/// brings the absorbed id back).
/// </summary>
internal sealed class AdminSplitWrite(ProfileKey key, SplitEvidence evidence, string actor, string reason, int timeoutSeconds) : WriteRequest<SplitResult>
{
    public override int Size => 1;

    protected override SplitResult Run(WriterSession session)
    {
        var sql = AdminSql.For(session, timeoutSeconds);
        var now = session.NowTicks;
        var profileId = sql.Resolve(key) ?? throw new ProfileNotFoundException("lookup");
        var identifiers = EvidenceRows.Identifiers(sql, profileId);
        var records = EvidenceRows.Records(sql, profileId);
        var affected = identifiers.Select(i => i.Key).ToList();

        if (evidence.Identifier is { } removed)
        {
            if (!identifiers.Any(i => i.Key == removed))
            {
                throw new InvalidFieldException("identifier", "is not an identifier of the profile");
            }

            var keyColumns = new { removed.Type, removed.Value };
            sql.Execute("DELETE FROM identifiers WHERE type = @Type AND value = @Value", keyColumns);
            sql.Execute("DELETE FROM identifier_people WHERE type = @Type AND value = @Value", keyColumns);
            sql.Execute("DELETE FROM identifier_links WHERE type = @Type AND value = @Value", keyColumns);
            identifiers.RemoveAll(i => i.Key == removed);
        }
        else
        {
            var record = records.FirstOrDefault(r => r.Source == evidence.Source && r.RecordId == evidence.RecordId)
                ?? throw new InvalidFieldException("record", "is not a record of the profile");
            sql.Execute(
                "INSERT OR IGNORE INTO dropped_evidence (source, record_id, at) VALUES (@Source, @RecordId, @At)",
                new { record.Source, record.RecordId, At = now });
            record.Dropped = 1;
        }

        var involved = new List<string> { profileId };
        var partition = SplitPartition.Compute(identifiers, records, EvidenceRows.ManualLinks(sql, profileId));
        var (components, componentOf, recordComponent, firstSeen) = (partition.Components, partition.ComponentOf, partition.RecordComponent, partition.FirstSeen);

        var newIds = new List<string>();
        var created = new List<(string Id, long CreatedAt, string FirstSource)>();
        for (var i = 1; i < components.Count; i++)
        {
            var members = components[i];
            var own = records.Where(r => recordComponent[r] == i).ToList();
            var newId = NewProfileId(sql, profileId, members, own, newIds);
            newIds.Add(newId);
            var createdAt = own.Count > 0 ? own.Min(r => r.OccurredAt) : members.Min(n => firstSeen[n]);
            var firstSource = own.Count > 0 ? own[0].Source : EvidenceRows.ManualSource;
            created.Add((newId, createdAt, firstSource));
            foreach (var node in componentOf.Where(c => c.Value == i).Select(c => c.Key))
            {
                sql.Execute("UPDATE identifiers SET profile_id = @Id WHERE type = @Type AND value = @Value", new { Id = newId, node.Type, node.Value });
            }

            foreach (var record in own)
            {
                sql.Execute("UPDATE records SET profile_id = @Id WHERE source = @Source AND record_id = @RecordId", new { Id = newId, record.Source, record.RecordId });
            }
        }

        newIds.Sort(StringComparer.Ordinal);
        involved.AddRange(newIds);
        var auditId = sql.Audit(now, actor, AdminActions.Split, reason, involved);
        var causedBy = string.Concat(EvidenceRows.ManualSource, "/", EvidenceRows.AuditRecordId(auditId));

        session.Changes.Append(ChangeKind.ProfileSplit, profileId, now, causedBy, ids: newIds);
        session.Changes.Append(ChangeKind.IdentifiersChanged, profileId, now, causedBy);
        var rebuilder = new ProfileRebuilder(sql, session.Rules, session.Changes, now);
        var row = sql.Query<(long CreatedAt, string FirstSource)>("SELECT created_at, first_source FROM profiles WHERE profile_id = @Id", new { Id = profileId }).Single();
        rebuilder.Rebuild(profileId, row.CreatedAt, row.FirstSource, causedBy);
        foreach (var (id, createdAt, firstSource) in created.OrderBy(c => c.Id, StringComparer.Ordinal))
        {
            session.Changes.Append(ChangeKind.ProfileCreated, id, now, causedBy);
            rebuilder.Rebuild(id, createdAt, firstSource, causedBy);
        }

        session.ClearCaches();
        return new SplitResult(profileId, newIds, affected);
    }

    private static string NewProfileId(AdminSql sql, string profileId, List<IdentifierKey> members, List<RecordEvidenceRow> own, List<string> taken)
    {
        var oldest = own.FirstOrDefault();
        var candidate = oldest is not null
            ? ProfileIds.ForRecord(oldest.Source, oldest.RecordId)
            : ProfileIds.ForRecord(EvidenceRows.ManualSource, string.Concat(profileId, "/", members[0].ToString()));
        for (var attempt = 0; ; attempt++)
        {
            if (!taken.Contains(candidate) && sql.Scalar<long>("SELECT count(*) FROM profiles WHERE profile_id = @Id", new { Id = candidate }) == 0)
            {
                var aliasOf = sql.Scalar<string?>("SELECT profile_id FROM profile_aliases WHERE alias_id = @Id", new { Id = candidate });
                if (aliasOf is null)
                {
                    return candidate;
                }

                if (aliasOf == profileId)
                {
                    // The component is what an earlier merge absorbed: it gets its old id back.
                    sql.Execute("DELETE FROM profile_aliases WHERE alias_id = @Id", new { Id = candidate });
                    return candidate;
                }
            }

            candidate = ProfileIds.ForRecord(EvidenceRows.ManualSource, string.Concat(profileId, "/", candidate, "/", attempt.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
    }
}

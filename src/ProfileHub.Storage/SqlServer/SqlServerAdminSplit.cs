using ProfileHub.Core.Admin;
using ProfileHub.Core.Changes;
using ProfileHub.Core.Errors;
using ProfileHub.Core.Identity;
using ProfileHub.Core.Profiles;
using ProfileHub.Storage.Sqlite;

namespace ProfileHub.Storage.SqlServer;

/// <summary>
/// A split (as the SQLite store's): the evidence is removed, the profile's evidence graph is cut into
/// connected components, the one with the oldest evidence keeps the id and the others become profiles.
/// </summary>
internal static class SqlServerAdminSplit
{
    public static async Task<SplitResult> RunAsync(SqlServerAdminSession session, int lockTimeoutMs, ProfileKey key, SplitEvidence evidence, string actor, string reason)
    {
        var now = session.NowTicks;
        var profileId = (await session.ResolveAndLockAsync(lockTimeoutMs, key))[0] ?? throw new ProfileNotFoundException("lookup");
        var identifiers = await session.QueryAsync<ProfileIdentifierRow>(SqlServerSql.EvidenceIdentifiers, new { Id = profileId });
        var records = await session.QueryAsync<RecordEvidenceRow>(SqlServerSql.EvidenceRecords, new { Id = profileId });
        var affected = identifiers.Select(i => i.Key).ToList();

        if (evidence.Identifier is { } removed)
        {
            if (!identifiers.Any(i => i.Key == removed))
            {
                throw new InvalidFieldException("identifier", "is not an identifier of the profile");
            }

            var keyColumns = new { removed.Type, removed.Value };
            await session.ExecuteAsync(SqlServerSql.DeleteIdentifier, keyColumns);
            await session.ExecuteAsync(SqlServerSql.DeleteIdentifierPeople, keyColumns);
            await session.ExecuteAsync(SqlServerSql.DeleteIdentifierLinks, keyColumns);
            identifiers.RemoveAll(i => i.Key == removed);
        }
        else
        {
            var record = records.FirstOrDefault(r => r.Source == evidence.Source && r.RecordId == evidence.RecordId)
                ?? throw new InvalidFieldException("record", "is not a record of the profile");
            await session.ExecuteAsync(SqlServerSql.DropEvidence, new { record.Source, record.RecordId, At = now });
            record.Dropped = 1;
        }

        var partition = SplitPartition.Compute(identifiers, records, await ManualLinksAsync(session, profileId));
        var (components, componentOf, recordComponent, firstSeen) = (partition.Components, partition.ComponentOf, partition.RecordComponent, partition.FirstSeen);

        var newIds = new List<string>();
        var created = new List<(string Id, long CreatedAt, string FirstSource)>();
        for (var i = 1; i < components.Count; i++)
        {
            var members = components[i];
            var own = records.Where(r => recordComponent[r] == i).ToList();
            var newId = await NewProfileIdAsync(session, profileId, members, own, newIds);
            newIds.Add(newId);
            var createdAt = own.Count > 0 ? own.Min(r => r.OccurredAt) : members.Min(n => firstSeen[n]);
            var firstSource = own.Count > 0 ? own[0].Source : EvidenceRows.ManualSource;
            created.Add((newId, createdAt, firstSource));
            foreach (var node in componentOf.Where(c => c.Value == i).Select(c => c.Key))
            {
                await session.ExecuteAsync(SqlServerSql.MoveIdentifier, new { Id = newId, node.Type, node.Value });
            }

            foreach (var record in own)
            {
                await session.ExecuteAsync(SqlServerSql.MoveRecord, new { Id = newId, record.Source, record.RecordId });
            }
        }

        newIds.Sort(StringComparer.Ordinal);
        var involved = new List<string> { profileId };
        involved.AddRange(newIds);
        var auditId = await session.AuditAsync(actor, AdminActions.Split, reason, involved);
        var causedBy = string.Concat(EvidenceRows.ManualSource, "/", EvidenceRows.AuditRecordId(auditId));

        session.Changes.Add(new PendingChange(ChangeKind.ProfileSplit, profileId, now, causedBy, Ids: newIds));
        session.Changes.Add(new PendingChange(ChangeKind.IdentifiersChanged, profileId, now, causedBy));
        var rebuilder = new SqlServerProfileRebuilder(session);
        var origin = (await session.QueryAsync<ProfileOriginRow>(SqlServerSql.ProfileOrigin, new { Id = profileId })).Single();
        await rebuilder.RebuildAsync(profileId, origin.CreatedAt, origin.FirstSource, causedBy);
        foreach (var (id, createdAt, firstSource) in created.OrderBy(c => c.Id, StringComparer.Ordinal))
        {
            session.Changes.Add(new PendingChange(ChangeKind.ProfileCreated, id, now, causedBy));
            await rebuilder.RebuildAsync(id, createdAt, firstSource, causedBy);
        }

        return new SplitResult(profileId, newIds, affected);
    }

    public static async Task<List<EvidenceHyperedge>> ManualLinksAsync(SqlServerAdminSession session, string profileId) =>
        (await session.QueryAsync<ManualLinkRow>(SqlServerSql.EvidenceManualLinks, new { Id = profileId }))
            .Select(m => new EvidenceHyperedge(
                EvidenceRows.ManualSource,
                EvidenceRows.AuditRecordId(m.AuditId),
                StoredTime.FromTicks(m.At),
                EvidenceRules.ManualMerge,
                [new IdentifierKey(m.AType, m.AValue), new IdentifierKey(m.BType, m.BValue)]))
            .ToList();

    private static async Task<string> NewProfileIdAsync(SqlServerAdminSession session, string profileId, List<IdentifierKey> members, List<RecordEvidenceRow> own, List<string> taken)
    {
        var oldest = own.FirstOrDefault();
        var candidate = oldest is not null
            ? ProfileIds.ForRecord(oldest.Source, oldest.RecordId)
            : ProfileIds.ForRecord(EvidenceRows.ManualSource, string.Concat(profileId, "/", members[0].ToString()));
        for (var attempt = 0; ; attempt++)
        {
            if (!taken.Contains(candidate) && await session.ScalarAsync<int>(SqlServerSql.ProfileExists, new { Id = candidate }) == 0)
            {
                var aliasOf = await session.ScalarAsync<string>(SqlServerSql.AliasTarget, new { Id = candidate });
                if (aliasOf is null)
                {
                    return candidate;
                }

                if (aliasOf == profileId)
                {
                    // The component is what an earlier merge absorbed: it gets its old id back.
                    await session.ExecuteAsync(SqlServerSql.DeleteAlias, new { Id = candidate });
                    return candidate;
                }
            }

            candidate = ProfileIds.ForRecord(EvidenceRows.ManualSource, string.Concat(profileId, "/", candidate, "/", attempt.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
    }
}

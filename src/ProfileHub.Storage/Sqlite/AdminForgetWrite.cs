using ProfileHub.Core.Admin;
using ProfileHub.Core.Changes;
using ProfileHub.Core.Errors;
using ProfileHub.Core.Identity;
using ProfileHub.Core.Profiles;

namespace ProfileHub.Storage.Sqlite;

/// <summary>
/// Erases a person: identifiers, records, traits, edges, transitions, aliases and merge log entries
/// are deleted (with SQLite's secure delete, so freed pages are zeroed), each identifier's salted
/// hash goes on the suppression list, and the change feed gets a tombstone carrying only the id.
/// </summary>
internal sealed class AdminForgetWrite(ProfileKey key, string actor, string reason, int timeoutSeconds) : WriteRequest<ForgetResult>
{
    public override int Size => 1;

    protected override ForgetResult Run(WriterSession session)
    {
        var sql = AdminSql.For(session, timeoutSeconds);
        var now = session.NowTicks;
        var profileId = sql.Resolve(key) ?? throw new ProfileNotFoundException("lookup");
        var identifiers = EvidenceRows.Identifiers(sql, profileId).Select(i => i.Key).ToList();
        var aliases = sql.Query<string>("SELECT alias_id FROM profile_aliases WHERE profile_id = @Id ORDER BY alias_id", new { Id = profileId });
        var involved = new List<string> { profileId };
        involved.AddRange(aliases);

        var salt = session.Guard.EnsureSalt(sql);
        var hashes = identifiers.Select(k => SuppressionHasher.Hash(salt, k)).ToList();
        var suppressed = 0;
        foreach (var hash in hashes)
        {
            suppressed += sql.Execute("INSERT OR IGNORE INTO suppressed_identifiers (hash, at) VALUES (@Hash, @At)", new { Hash = hash, At = now });
        }

        sql.Execute("PRAGMA secure_delete = ON");
        try
        {
            foreach (var identifier in identifiers)
            {
                var k = new { identifier.Type, identifier.Value };
                sql.Execute("DELETE FROM identifier_people WHERE type = @Type AND value = @Value", k);
                sql.Execute("DELETE FROM identifier_links WHERE type = @Type AND value = @Value", k);
                sql.Execute("DELETE FROM quarantined_identifiers WHERE type = @Type AND value = @Value", k);
                sql.Execute("DELETE FROM manual_links WHERE (a_type = @Type AND a_value = @Value) OR (b_type = @Type AND b_value = @Value)", k);
                ScrubOtherRecords(sql, identifier);
            }

            foreach (var id in involved)
            {
                var p = new { Id = id };
                sql.Execute("DELETE FROM identifier_people WHERE profile_id = @Id", p);
                sql.Execute("DELETE FROM identifier_links WHERE profile_id = @Id", p);
                sql.Execute("DELETE FROM merges WHERE absorbed_id = @Id OR survivor_id = @Id", p);
                // The feed keeps its entries (sequence numbers never go away) but not what caused them.
                sql.Execute("UPDATE changes SET caused_by = NULL, trait_names_json = NULL WHERE profile_id = @Id", p);
            }

            var own = new { Id = profileId };
            sql.Execute("DELETE FROM dropped_evidence WHERE (source, record_id) IN (SELECT source, record_id FROM records WHERE profile_id = @Id)", own);
            sql.Execute("DELETE FROM records WHERE profile_id = @Id", own);
            sql.Execute("DELETE FROM identifiers WHERE profile_id = @Id", own);
            sql.Execute("DELETE FROM stage_transitions WHERE profile_id = @Id", own);
            sql.Execute("DELETE FROM profile_aliases WHERE profile_id = @Id", own);
            sql.Execute("DELETE FROM profiles WHERE profile_id = @Id", own);
        }
        finally
        {
            sql.Execute("PRAGMA secure_delete = OFF");
        }

        sql.Audit(now, actor, AdminActions.Forget, reason, involved);
        session.Changes.Append(ChangeKind.ProfileForgotten, profileId, now, causedBy: null, ids: aliases);
        session.ClearCaches();
        session.Guard.Suppress(hashes);
        return new ForgetResult(profileId, aliases, identifiers, suppressed);
    }

    // Another profile's record can carry this identifier unlinked (a limit conflict, a shared
    // device): its evidence list must not keep the value either.
    private static void ScrubOtherRecords(AdminSql sql, IdentifierKey identifier)
    {
        var candidates = sql.Query<(string Source, string RecordId, string Json)>(
            "SELECT source, record_id, identifiers_json FROM records WHERE instr(identifiers_json, @Value) > 0",
            new { identifier.Value });
        foreach (var (source, recordId, json) in candidates)
        {
            var keys = EvidenceRows.Keys(json);
            if (keys.Remove(identifier))
            {
                sql.Execute(
                    "UPDATE records SET identifiers_json = @Json WHERE source = @Source AND record_id = @RecordId",
                    new { Json = EvidenceRows.WriteKeys(keys), Source = source, RecordId = recordId });
            }
        }
    }
}

using System.Security.Cryptography;
using ProfileHub.Core.Admin;
using ProfileHub.Core.Changes;
using ProfileHub.Core.Errors;
using ProfileHub.Core.Identity;
using ProfileHub.Core.Profiles;
using ProfileHub.Storage.Sqlite;

namespace ProfileHub.Storage.SqlServer;

/// <summary>Erasure (as the SQLite store's): the person's rows go, salted identifier hashes go on the suppression list.</summary>
internal static class SqlServerAdminForget
{
    private const string SaltLockName = "profilehub:suppression-salt";

    public static async Task<ForgetResult> RunAsync(SqlServerAdminSession session, int lockTimeoutMs, StorageOptions options, ProfileKey key, string actor, string reason)
    {
        var now = session.NowTicks;
        var profileId = (await session.ResolveAndLockAsync(lockTimeoutMs, key))[0] ?? throw new ProfileNotFoundException("lookup");
        var identifiers = (await session.QueryAsync<ProfileIdentifierRow>(SqlServerSql.EvidenceIdentifiers, new { Id = profileId })).Select(i => i.Key).ToList();
        var aliases = await session.QueryAsync<string>(SqlServerSql.AliasesOf, new { Id = profileId });
        var involved = new List<string> { profileId };
        involved.AddRange(aliases);

        var salt = await EnsureSaltAsync(session, lockTimeoutMs, options);
        var suppressed = 0;
        foreach (var identifier in identifiers)
        {
            suppressed += await session.ExecuteAsync(SqlServerSql.Suppress, new { Hash = SuppressionHasher.Hash(salt, identifier), At = now });
        }

        foreach (var identifier in identifiers)
        {
            var k = new { identifier.Type, identifier.Value };
            await session.ExecuteAsync(SqlServerSql.DeleteIdentifierPeople, k);
            await session.ExecuteAsync(SqlServerSql.DeleteIdentifierLinks, k);
            await session.ExecuteAsync(SqlServerSql.DeleteQuarantine, k);
            await session.ExecuteAsync(SqlServerSql.DeleteManualLinksOf, k);
            await ScrubOtherRecordsAsync(session, identifier);
        }

        foreach (var id in involved)
        {
            var p = new { Id = id };
            await session.ExecuteAsync(SqlServerSql.ForgetPeopleOf, p);
            await session.ExecuteAsync(SqlServerSql.ForgetLinksOf, p);
            await session.ExecuteAsync(SqlServerSql.ForgetMergesOf, p);
            // The feed keeps its entries (sequence numbers never go away) but not what caused them.
            await session.ExecuteAsync(SqlServerSql.ForgetChangeCauses, p);
        }

        var own = new { Id = profileId };
        foreach (var statement in new[]
        {
            SqlServerSql.ForgetDroppedEvidence, SqlServerSql.ForgetRecords, SqlServerSql.ForgetIdentifiers, SqlServerSql.ForgetTransitions,
            SqlServerSql.ForgetAliases, SqlServerSql.ForgetProfile,
        })
        {
            await session.ExecuteAsync(statement, own);
        }

        await session.AuditAsync(actor, AdminActions.Forget, reason, involved);
        session.Changes.Add(new PendingChange(ChangeKind.ProfileForgotten, profileId, now, null, Ids: aliases));
        return new ForgetResult(profileId, aliases, identifiers, suppressed);
    }

    private static async Task<byte[]> EnsureSaltAsync(SqlServerAdminSession session, int lockTimeoutMs, StorageOptions options)
    {
        if (!string.IsNullOrEmpty(options.SuppressionSalt))
        {
            return System.Text.Encoding.UTF8.GetBytes(options.SuppressionSalt);
        }

        // Two replicas erasing at once must not both create a salt.
        await session.LockNamesAsync(lockTimeoutMs, [SaltLockName]);
        if (await session.ScalarAsync<byte[]>(SqlServerSql.LoadSalt, new { Name = IngestGuard.SaltSetting }) is { } stored)
        {
            return stored;
        }

        var salt = RandomNumberGenerator.GetBytes(32);
        await session.ExecuteAsync(SqlServerSql.InsertSalt, new { Name = IngestGuard.SaltSetting, Value = salt });
        return salt;
    }

    // Another profile's record can carry this identifier unlinked (a limit conflict, a shared
    // device): its evidence list must not keep the value either.
    private static async Task ScrubOtherRecordsAsync(SqlServerAdminSession session, IdentifierKey identifier)
    {
        foreach (var row in await session.QueryAsync<RecordMentionRow>(SqlServerSql.RecordsMentioning, new { identifier.Value }))
        {
            var keys = EvidenceRows.Keys(row.IdentifiersJson);
            if (keys.Remove(identifier))
            {
                await session.ExecuteAsync(SqlServerSql.RewriteRecordEvidence, new { Json = EvidenceRows.WriteKeys(keys), row.Source, row.RecordId });
            }
        }
    }
}

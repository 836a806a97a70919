using System.Data;
using Dapper;
using Microsoft.Data.SqlClient;
using ProfileHub.Core.Admin;
using ProfileHub.Core.Identity;
using ProfileHub.Core.Ingest;
using ProfileHub.Core.Journey;
using ProfileHub.Storage.Sqlite;

namespace ProfileHub.Storage.SqlServer;

/// <summary>
/// One attempt at committing a batch: lock the batch's identifier and record keys, load what they
/// touch, lock the owning profiles (re-reading until the owners are stable), resolve every record in
/// memory, write everything set-based and commit. A refused lock or a deadlock throws; the caller
/// retries the whole attempt.
/// </summary>
internal sealed class IngestTransaction(SqlConnection connection, SqlTransaction transaction, IIngestRules rules, StorageOptions options, HotIdentifierRule hotIdentifiers)
{
    // A neighbourhood that keeps changing under us this often is contended: start over with backoff.
    private const int MaxOwnerRounds = 8;

    private int Timeout => options.CommandTimeoutSeconds;

    private int LockTimeoutMs => Math.Min(options.CommandTimeoutSeconds, 10) * 1000;

    public async Task<(IReadOnlyList<IngestResult> Results, IngestBatch Batch, long? LastSequence)> RunAsync(
        IReadOnlyList<NormalizedRecord> records, long nowTicks, CancellationToken cancellationToken)
    {
        var keys = records.SelectMany(r => r.Identifiers).Select(i => i.Key).Distinct().ToList();
        var recordKeys = records.Select(r => (r.Source, r.RecordId)).Distinct().ToList();
        await AppLocks.AcquireAsync(
            connection,
            transaction,
            keys.Select(AppLocks.ForIdentifier).Concat(recordKeys.Select(k => AppLocks.ForRecord(k.Source, k.RecordId))),
            LockTimeoutMs,
            Timeout,
            cancellationToken);

        var existing = await FindRecordsAsync(recordKeys, cancellationToken);
        var lockedProfiles = new HashSet<string>(StringComparer.Ordinal);
        List<SqlIdentifierRow> identifierRows;
        List<SqlKeyOwnerRow> peopleRows;
        for (var round = 0; ; round++)
        {
            (identifierRows, peopleRows) = await LoadIdentifiersAsync(keys, cancellationToken);
            var missing = identifierRows.Select(i => i.ProfileId).Where(id => !lockedProfiles.Contains(id)).Distinct(StringComparer.Ordinal).ToList();
            if (missing.Count == 0)
            {
                break;
            }

            if (round == MaxOwnerRounds)
            {
                throw new AppLockNotGrantedException("the profiles owning a batch's identifiers kept changing; retrying the batch");
            }

            // Another replica may merge or restitch between our read and our lock: re-read after locking.
            await AppLocks.AcquireAsync(connection, transaction, missing.Select(AppLocks.ForProfile), LockTimeoutMs, Timeout, cancellationToken);
            lockedProfiles.UnionWith(missing);
        }

        var owners = identifierRows.Select(i => i.ProfileId).Distinct(StringComparer.Ordinal).ToList();
        var profiles = await LoadProfilesAsync(owners, cancellationToken);
        var identifiers = identifierRows.ToDictionary(
            r => new IdentifierKey(r.Type, r.Value),
            r => new BatchIdentifier(new IdentifierKey(r.Type, r.Value), r.ProfileId, r.RawValue, r.FirstSeen, r.Shared, isNew: false));
        var people = new Dictionary<IdentifierKey, HashSet<string>>();
        foreach (var row in peopleRows)
        {
            var key = new IdentifierKey(row.Type, row.Value);
            if (!people.TryGetValue(key, out var set))
            {
                set = new HashSet<string>(StringComparer.Ordinal);
                people[key] = set;
            }

            set.Add(row.ProfileId);
        }

        var guard = new BatchGuard(await FindSuppressedAsync(keys, cancellationToken), hotIdentifiers, await LoadLinksAsync(keys, cancellationToken));
        var batch = new IngestBatch(rules, guard, nowTicks, identifiers, people, profiles, existing);
        var results = new IngestResult[records.Count];
        for (var i = 0; i < records.Count; i++)
        {
            results[i] = batch.Apply(records[i]);
        }

        var lastSequence = await new BatchWriter(connection, transaction, Timeout).WriteAsync(batch, cancellationToken);
        return (results, batch, lastSequence);
    }

    private async Task<HashSet<IdentifierKey>> FindSuppressedAsync(List<IdentifierKey> keys, CancellationToken cancellationToken)
    {
        var suppressed = new HashSet<IdentifierKey>();
        var salt = string.IsNullOrEmpty(options.SuppressionSalt)
            ? await connection.ExecuteScalarAsync<byte[]?>(new CommandDefinition(
                SqlServerSql.LoadSalt, new { Name = IngestGuard.SaltSetting }, transaction, Timeout, cancellationToken: cancellationToken))
            : System.Text.Encoding.UTF8.GetBytes(options.SuppressionSalt);
        if (salt is null || keys.Count == 0)
        {
            return suppressed;
        }

        var byHash = new Dictionary<string, IdentifierKey>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            byHash[Convert.ToHexString(SuppressionHasher.Hash(salt, key))] = key;
        }

        var found = await connection.QueryAsync<byte[]>(new CommandDefinition(
            SqlServerSql.FindSuppressed,
            new { Hashes = TableValues.Hashes(byHash.Keys.Select(Convert.FromHexString)).AsTableValuedParameter(TableValues.HashesType) },
            transaction,
            Timeout,
            cancellationToken: cancellationToken));
        foreach (var hash in found)
        {
            suppressed.Add(byHash[Convert.ToHexString(hash)]);
        }

        return suppressed;
    }

    private async Task<Dictionary<IdentifierKey, Dictionary<string, long>>> LoadLinksAsync(List<IdentifierKey> keys, CancellationToken cancellationToken)
    {
        var links = new Dictionary<IdentifierKey, Dictionary<string, long>>();
        if (keys.Count == 0 || !hotIdentifiers.Enabled)
        {
            return links;
        }

        var rows = await connection.QueryAsync<SqlLinkRow>(new CommandDefinition(
            SqlServerSql.LoadLinks,
            new { Keys = TableValues.IdentifierKeys(keys).AsTableValuedParameter(TableValues.IdentifierKeysType) },
            transaction,
            Timeout,
            cancellationToken: cancellationToken));
        foreach (var row in rows)
        {
            var key = new IdentifierKey(row.Type, row.Value);
            if (!links.TryGetValue(key, out var recent))
            {
                recent = new Dictionary<string, long>(StringComparer.Ordinal);
                links[key] = recent;
            }

            recent[row.ProfileId] = row.At;
        }

        return links;
    }

    private async Task<Dictionary<(string Source, string RecordId), string>> FindRecordsAsync(List<(string Source, string RecordId)> keys, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<SqlRecordRow>(new CommandDefinition(
            SqlServerSql.FindRecords,
            new { Records = TableValues.RecordKeys(keys).AsTableValuedParameter(TableValues.RecordKeysType) },
            transaction,
            Timeout,
            cancellationToken: cancellationToken));
        return rows.ToDictionary(r => (r.Source, r.RecordId), r => r.ProfileId);
    }

    private async Task<(List<SqlIdentifierRow> Identifiers, List<SqlKeyOwnerRow> People)> LoadIdentifiersAsync(List<IdentifierKey> keys, CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
        {
            return ([], []);
        }

        var table = TableValues.IdentifierKeys(keys);
        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(
            SqlServerSql.Join([SqlServerSql.LoadIdentifiers, SqlServerSql.LoadPeople]),
            new { Keys = table.AsTableValuedParameter(TableValues.IdentifierKeysType) },
            transaction,
            Timeout,
            cancellationToken: cancellationToken));
        var identifiers = (await grid.ReadAsync<SqlIdentifierRow>()).ToList();
        var people = (await grid.ReadAsync<SqlKeyOwnerRow>()).ToList();
        return (identifiers, people);
    }

    private async Task<Dictionary<string, BatchProfile>> LoadProfilesAsync(List<string> profileIds, CancellationToken cancellationToken)
    {
        var profiles = new Dictionary<string, BatchProfile>(StringComparer.Ordinal);
        if (profileIds.Count == 0)
        {
            return profiles;
        }

        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(
            SqlServerSql.Join([SqlServerSql.LoadProfileRows, SqlServerSql.LoadProfileCounts, SqlServerSql.LoadProfileEvents, SqlServerSql.LoadProfileTransitions]),
            new { Ids = TableValues.Names(profileIds).AsTableValuedParameter(TableValues.NamesType) },
            transaction,
            Timeout,
            cancellationToken: cancellationToken));
        foreach (var row in await grid.ReadAsync<SqlProfileStateRow>())
        {
            profiles[row.ProfileId] = new BatchProfile(row.ProfileId, row.CreatedAt, row.FirstSource)
            {
                Version = row.Version,
                Stage = row.Stage,
                StageOrder = row.StageOrder,
                StageEnteredAt = row.StageEnteredAt,
                FirstStageAt = row.FirstStageAt,
                AtRisk = row.AtRisk,
                LastActivityAt = row.LastActivityAt,
                Traits = StoredJson.ReadTraits(row.TraitsJson),
            };
        }

        foreach (var row in await grid.ReadAsync<SqlCountRow>())
        {
            profiles[row.ProfileId].IdentifierCounts[row.Type] = row.Count;
        }

        foreach (var row in await grid.ReadAsync<SqlEventRow>())
        {
            profiles[row.ProfileId].Events.Add(new JourneyEvent(
                row.Source, row.RecordId, row.Event, StoredTime.FromTicks(row.OccurredAt), StoredJson.ReadMap(row.PropertiesJson)));
        }

        foreach (var row in await grid.ReadAsync<SqlTransitionRow>())
        {
            profiles[row.ProfileId].Transitions.Add(SqlServerMapping.Transition(row));
        }

        if (profiles.Count != profileIds.Count)
        {
            throw new InvalidOperationException("an identifier points at a profile that does not exist");
        }

        return profiles;
    }
}

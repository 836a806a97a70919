using Dapper;
using Microsoft.Data.SqlClient;
using ProfileHub.Core.Profiles;
using ProfileHub.Storage.Sqlite;

namespace ProfileHub.Storage.SqlServer;

/// <summary>
/// One admin transaction: ad-hoc statements, the profile app locks it holds, and the change-feed
/// entries it appends at the end (numbered from the counter row like ingest's).
/// </summary>
internal sealed class SqlServerAdminSession(SqlConnection connection, SqlTransaction transaction, IIngestRules rules, int timeoutSeconds, long nowTicks, CancellationToken cancellationToken)
{
    private readonly HashSet<string> _locked = new(StringComparer.Ordinal);

    public IIngestRules Rules => rules;

    public long NowTicks => nowTicks;

    public List<PendingChange> Changes { get; } = [];

    public Task<int> ExecuteAsync(string sql, object? parameters = null) =>
        connection.ExecuteAsync(Command(sql, parameters));

    public async Task<List<T>> QueryAsync<T>(string sql, object? parameters = null) =>
        (await connection.QueryAsync<T>(Command(sql, parameters))).AsList();

    public Task<T?> ScalarAsync<T>(string sql, object? parameters = null) =>
        connection.ExecuteScalarAsync<T?>(Command(sql, parameters));

    /// <summary>The surviving profile a key resolves to, or null.</summary>
    public Task<string?> ResolveAsync(ProfileKey key) => key.ProfileId is { } id
        ? ScalarAsync<string>(SqlServerSql.ResolveById, new { Id = id })
        : ScalarAsync<string>(SqlServerSql.ResolveByIdentifier, new { key.Identifier!.Value.Type, key.Identifier!.Value.Value });

    /// <summary>
    /// Resolves the keys and app-locks their profiles (ordinal order), then resolves again: when a
    /// concurrent merge moved a key meanwhile, the transaction is retried.
    /// </summary>
    public async Task<string?[]> ResolveAndLockAsync(int lockTimeoutMs, params ProfileKey[] keys)
    {
        var first = new string?[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            first[i] = await ResolveAsync(keys[i]);
        }

        await LockAsync(lockTimeoutMs, first.OfType<string>());
        for (var i = 0; i < keys.Length; i++)
        {
            if (!string.Equals(first[i], await ResolveAsync(keys[i]), StringComparison.Ordinal))
            {
                throw new AppLockNotGrantedException("a profile changed while its lock was taken; retrying");
            }
        }

        return first;
    }

    public async Task LockAsync(int lockTimeoutMs, IEnumerable<string> profileIds)
    {
        var missing = profileIds.Where(_locked.Add).ToList();
        await AppLocks.AcquireAsync(connection, transaction, missing.Select(AppLocks.ForProfile), lockTimeoutMs, timeoutSeconds, cancellationToken);
    }

    public Task LockNamesAsync(int lockTimeoutMs, IEnumerable<string> names) =>
        AppLocks.AcquireAsync(connection, transaction, names, lockTimeoutMs, timeoutSeconds, cancellationToken);

    /// <summary>Appends an audit entry and returns its id.</summary>
    public Task<long> AuditAsync(string actor, string action, string reason, IReadOnlyList<string> profileIds) =>
        connection.ExecuteScalarAsync<long>(Command(
            SqlServerSql.Join([SqlServerSql.InsertAudit, SqlServerSql.InsertedAuditId]),
            new { At = nowTicks, Actor = actor, Action = action, Reason = reason, Ids = StoredJson.WriteStrings(profileIds) }));

    /// <summary>Writes the pending change entries; returns the last sequence, or null when there were none.</summary>
    public async Task<long?> AppendChangesAsync()
    {
        if (Changes.Count == 0)
        {
            return null;
        }

        return await connection.ExecuteScalarAsync<long>(Command(
            SqlServerSql.Join([SqlServerSql.ReserveChangeSequences, SqlServerSql.InsertChanges, SqlServerSql.ReservedLastSequence]),
            new { Count = (long)Changes.Count, Changes = TableValues.Changes(Changes).AsTableValuedParameter(TableValues.ChangesType) }));
    }

    private CommandDefinition Command(string sql, object? parameters) =>
        new(sql, parameters, transaction, timeoutSeconds, cancellationToken: cancellationToken);
}

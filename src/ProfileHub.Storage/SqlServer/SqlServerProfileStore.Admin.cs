using System.Data;
using Microsoft.Data.SqlClient;
using ProfileHub.Core.Admin;
using ProfileHub.Core.Errors;
using ProfileHub.Core.Identity;
using ProfileHub.Core.Profiles;
using ProfileHub.Storage.Sqlite;

namespace ProfileHub.Storage.SqlServer;

/// <summary>
/// The admin side of the SQL Server store: each mutation is one transaction holding the app locks of
/// the profiles it changes (so ingest on other replicas waits and then re-reads), retried like ingest.
/// </summary>
public sealed partial class SqlServerProfileStore : IProfileAdministration
{
    private int LockTimeoutMs => Math.Min(_options.CommandTimeoutSeconds, 10) * 1000;

    /// <inheritdoc />
    public async Task<ExplainReport> ExplainAsync(ProfileKey key, CancellationToken cancellationToken)
    {
        var (profileId, graph) = await ReadGraphAsync(key, cancellationToken);
        var explained = graph.Nodes
            .Select(node => new ExplainedIdentifier(node, !graph.IsLinking(node), graph.EdgesOf(node)))
            .ToList();
        return new ExplainReport(profileId, explained);
    }

    /// <inheritdoc />
    public async Task<EvidencePath> ExplainPathAsync(ProfileKey key, IdentifierKey from, IdentifierKey to, CancellationToken cancellationToken)
    {
        var (profileId, graph) = await ReadGraphAsync(key, cancellationToken);
        if (!graph.Nodes.Contains(from))
        {
            throw new InvalidFieldException("from", "is not an identifier of the profile");
        }

        if (!graph.Nodes.Contains(to))
        {
            throw new InvalidFieldException("to", "is not an identifier of the profile");
        }

        var path = graph.Path(from, to);
        return new EvidencePath(profileId, path is not null, path ?? []);
    }

    /// <inheritdoc />
    public async Task<MergeResult> MergeAsync(ProfileKey target, ProfileKey source, bool force, string actor, string reason, CancellationToken cancellationToken)
    {
        ValidateAudit(actor, reason);
        var limits = _rules as IMergeLimits ?? throw new InvalidOperationException("the store's rules cannot check identifier limits");
        var result = await RunAdminAsync(
            session => SqlServerAdminMerge.RunAsync(session, LockTimeoutMs, target, source, force, actor, reason, limits), cancellationToken);
        AdminLog.ActionCommitted(_logger, AdminActions.Merge, actor, 1 + result.MergedProfileIds.Count);
        return result;
    }

    /// <inheritdoc />
    public async Task<SplitResult> SplitAsync(ProfileKey key, SplitEvidence evidence, string actor, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        ValidateAudit(actor, reason);
        var result = await RunAdminAsync(session => SqlServerAdminSplit.RunAsync(session, LockTimeoutMs, key, evidence, actor, reason), cancellationToken);
        AdminLog.ActionCommitted(_logger, AdminActions.Split, actor, 1 + result.NewProfileIds.Count);
        return result;
    }

    /// <inheritdoc />
    public async Task<ForgetResult> ForgetAsync(ProfileKey key, string actor, string reason, CancellationToken cancellationToken)
    {
        ValidateAudit(actor, reason);
        var result = await RunAdminAsync(session => SqlServerAdminForget.RunAsync(session, LockTimeoutMs, _options, key, actor, reason), cancellationToken);
        AdminLog.ActionCommitted(_logger, AdminActions.Forget, actor, 1 + result.AliasIds.Count);
        return result;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AuditEntry>> ListAuditAsync(long afterId, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var rows = await ReadAsync(
            (connection, ct) => Dapper.SqlMapper.QueryAsync<SqlAuditRow>(connection, Command(SqlServerSql.Audit, new { After = afterId, Limit = limit }, ct)),
            cancellationToken);
        return rows.Select(r => new AuditEntry(r.Id, StoredTime.FromTicks(r.At), r.Actor, r.Action, r.Reason, StoredJson.ReadStrings(r.Ids))).ToList();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<QuarantinedIdentifier>> ListQuarantinedAsync(CancellationToken cancellationToken)
    {
        var rows = await ReadAsync(
            (connection, ct) => Dapper.SqlMapper.QueryAsync<SqlQuarantineRow>(connection, Command(SqlServerSql.Quarantined, null, ct)),
            cancellationToken);
        return rows.Select(r =>
            {
                var identifier = new IdentifierKey(r.Type, r.Value);
                return new QuarantinedIdentifier(identifier, SuppressionHasher.LogHash(identifier), StoredTime.FromTicks(r.At), r.Count);
            })
            .ToList();
    }

    private async Task<T> RunAdminAsync<T>(Func<SqlServerAdminSession, Task<T>> operation, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        var (result, lastSequence) = await _retry.ExecuteAsync(
            async (state, ct) =>
            {
                await using var connection = await state.Store.OpenRawAsync(ct);
                await using var transaction = (SqlTransaction)await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
                var session = new SqlServerAdminSession(
                    connection, transaction, state.Store._rules, state.Store._options.CommandTimeoutSeconds, StoredTime.ToTicks(state.Store._time.GetUtcNow()), ct);
                var value = await state.Operation(session);
                var last = await session.AppendChangesAsync();
                await transaction.CommitAsync(ct);
                return (value, last);
            },
            (Store: this, Operation: operation),
            cancellationToken);
        if (lastSequence is { } sequence)
        {
            _signal.Publish(sequence);
        }

        return result;
    }

    private async Task<(string ProfileId, EvidenceGraph Graph)> ReadGraphAsync(ProfileKey key, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        return await _retry.ExecuteAsync(
            async (state, ct) =>
            {
                await using var connection = await state.Store.OpenRawAsync(ct);
                await using var transaction = (SqlTransaction)await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
                var session = new SqlServerAdminSession(connection, transaction, state.Store._rules, state.Store._options.CommandTimeoutSeconds, 0, ct);
                var profileId = await session.ResolveAsync(state.Key) ?? throw new ProfileNotFoundException("lookup");
                var identifiers = await session.QueryAsync<ProfileIdentifierRow>(SqlServerSql.EvidenceIdentifiers, new { Id = profileId });
                var records = await session.QueryAsync<RecordEvidenceRow>(SqlServerSql.EvidenceRecords, new { Id = profileId });
                var manual = await SqlServerAdminSplit.ManualLinksAsync(session, profileId);
                await transaction.CommitAsync(ct);
                return (profileId, EvidenceRows.Graph(identifiers, records, manual));
            },
            (Store: this, Key: key),
            cancellationToken);
    }

    private static void ValidateAudit(string actor, string reason)
    {
        if (string.IsNullOrWhiteSpace(actor))
        {
            throw new InvalidFieldException("actor", "is required");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new InvalidFieldException("reason", "is required");
        }
    }
}

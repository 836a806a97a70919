using System.Data;
using ProfileHub.Core.Admin;
using ProfileHub.Core.Errors;
using ProfileHub.Core.Identity;
using ProfileHub.Core.Profiles;

namespace ProfileHub.Storage.Sqlite;

/// <summary>The admin side of the embedded store: mutations run on the single writer, explanations read a snapshot.</summary>
public sealed partial class SqliteProfileStore : IProfileAdministration
{
    private readonly QuarantineSettings _quarantine;

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
        var result = await EnqueueAsync(new AdminMergeWrite(target, source, force, actor, reason, limits, _options.CommandTimeoutSeconds), cancellationToken);
        AdminLog.ActionCommitted(_logger, AdminActions.Merge, actor, 1 + result.MergedProfileIds.Count);
        return result;
    }

    /// <inheritdoc />
    public async Task<SplitResult> SplitAsync(ProfileKey key, SplitEvidence evidence, string actor, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        ValidateAudit(actor, reason);
        var result = await EnqueueAsync(new AdminSplitWrite(key, evidence, actor, reason, _options.CommandTimeoutSeconds), cancellationToken);
        AdminLog.ActionCommitted(_logger, AdminActions.Split, actor, 1 + result.NewProfileIds.Count);
        return result;
    }

    /// <inheritdoc />
    public async Task<ForgetResult> ForgetAsync(ProfileKey key, string actor, string reason, CancellationToken cancellationToken)
    {
        ValidateAudit(actor, reason);
        var result = await EnqueueAsync(new AdminForgetWrite(key, actor, reason, _options.CommandTimeoutSeconds), cancellationToken);
        AdminLog.ActionCommitted(_logger, AdminActions.Forget, actor, 1 + result.AliasIds.Count);
        return result;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AuditEntry>> ListAuditAsync(long afterId, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await OpenReadAsync(cancellationToken);
        var sql = new AdminSql(connection, null, _options.CommandTimeoutSeconds);
        return sql.Query<(long Id, long At, string Actor, string Action, string Reason, string Ids)>(
                "SELECT id, at, actor, action, reason, profile_ids_json FROM admin_audit WHERE id > @After ORDER BY id LIMIT @Limit",
                new { After = afterId, Limit = limit })
            .Select(r => new AuditEntry(r.Id, StoredTime.FromTicks(r.At), r.Actor, r.Action, r.Reason, StoredJson.ReadStrings(r.Ids)))
            .ToList();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<QuarantinedIdentifier>> ListQuarantinedAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenReadAsync(cancellationToken);
        var sql = new AdminSql(connection, null, _options.CommandTimeoutSeconds);
        return sql.Query<(string Type, string Value, long At, long Count)>(
                "SELECT type, value, at, linked_profiles FROM quarantined_identifiers ORDER BY at, type, value")
            .Select(r =>
            {
                var identifier = new IdentifierKey(r.Type, r.Value);
                return new QuarantinedIdentifier(identifier, SuppressionHasher.LogHash(identifier), StoredTime.FromTicks(r.At), (int)r.Count);
            })
            .ToList();
    }

    private async Task<(string ProfileId, EvidenceGraph Graph)> ReadGraphAsync(ProfileKey key, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReadAsync(cancellationToken);
        // One snapshot for the identifiers and their evidence; deferred so it never takes the write lock.
        await using var transaction = connection.BeginTransaction(IsolationLevel.Serializable, deferred: true);
        var sql = new AdminSql(connection, transaction, _options.CommandTimeoutSeconds);
        var profileId = sql.Resolve(key) ?? throw new ProfileNotFoundException("lookup");
        var graph = EvidenceRows.Graph(EvidenceRows.Identifiers(sql, profileId), EvidenceRows.Records(sql, profileId), EvidenceRows.ManualLinks(sql, profileId));
        return (profileId, graph);
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

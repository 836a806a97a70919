using System.Data;
using System.Diagnostics;
using Dapper;
using Microsoft.Data.SqlClient;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using ProfileHub.Core.Admin;
using ProfileHub.Core.Changes;
using ProfileHub.Core.Identity;
using ProfileHub.Core.Ingest;
using ProfileHub.Core.Journey;
using ProfileHub.Core.Profiles;
using ProfileHub.Core.Traits;
using ProfileHub.Storage.Sqlite;

namespace ProfileHub.Storage.SqlServer;

/// <summary>
/// The multi-replica profile store on SQL Server / Azure SQL. Each ingest batch is one transaction
/// that takes app locks on its identifier and record keys and then on the profiles they belong to
/// (in ordinal order), resolves the records in memory with the same rules as the SQLite store and
/// writes set-based through table-valued parameters. Deadlocks and transient faults re-run the
/// transaction (Polly). Readers rely on READ_COMMITTED_SNAPSHOT and never block writers.
/// </summary>
public sealed partial class SqlServerProfileStore : IProfileStore, IDisposable
{
    // Flips written per sweep transaction: bounds the app locks one transaction holds.
    private const int SweepChunk = 500;

    private readonly StorageOptions _options;
    private readonly ChangeSignal _signal;
    private readonly IIngestRules _rules;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _connectionString;
    private readonly ResiliencePipeline _retry;
    private readonly HotIdentifierRule _hotIdentifiers;
    private readonly SemaphoreSlim _initializing = new(1, 1);
    private volatile bool _initialized;
    private long _limitConflicts;

    /// <summary>Creates the store; nothing touches the database until <see cref="InitializeAsync"/> or the first call.</summary>
    /// <param name="options">Validated storage options (provider <c>sqlserver</c>).</param>
    /// <param name="signal">Woken after every commit that produced changes.</param>
    /// <param name="resolver">Identity resolution applied inside the write transaction.</param>
    /// <param name="traits">Trait reconciliation.</param>
    /// <param name="catalog">The stage catalog (which events matter to stage rules).</param>
    /// <param name="evaluator">Stage evaluation over a profile's events.</param>
    /// <param name="atRisk">The churn policy used by ingest (clearing) and the sweep.</param>
    /// <param name="time">Clock for change and update times.</param>
    /// <param name="logger">Logger (no identifier values are logged).</param>
    /// <param name="quarantine">Hot-identifier quarantine settings; the defaults when not given.</param>
    public SqlServerProfileStore(
        IOptions<StorageOptions> options,
        ChangeSignal signal,
        IdentityResolver resolver,
        TraitReconciler traits,
        StageCatalog catalog,
        StageEvaluator evaluator,
        AtRiskPolicy atRisk,
        TimeProvider time,
        ILogger<SqlServerProfileStore> logger,
        IOptions<QuarantineSettings>? quarantine = null)
        : this(
            (options ?? throw new ArgumentNullException(nameof(options))).Value,
            signal,
            new CoreIngestRules(resolver, traits, catalog, evaluator, atRisk),
            time,
            logger,
            quarantine?.Value)
    {
    }

    internal SqlServerProfileStore(StorageOptions options, ChangeSignal signal, IIngestRules rules, TimeProvider time, ILogger logger, QuarantineSettings? quarantine = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _signal = signal;
        _rules = rules;
        _time = time;
        _logger = logger;
        _hotIdentifiers = new HotIdentifierRule(quarantine ?? new QuarantineSettings());
        _connectionString = new SqlConnectionStringBuilder(options.ConnectionString) { CommandTimeout = options.CommandTimeoutSeconds }.ConnectionString;
        _retry = SqlServerRetry.Create((exception, attempt) => SqlServerLog.Retrying(logger, exception, attempt));
    }

    /// <summary>Identifier limit conflicts counted by this instance since start-up (for metrics).</summary>
    public long LimitConflictCount => Interlocked.Read(ref _limitConflicts);

    /// <summary>Always false: SQL Server owns durability, and a write it cannot commit fails that call alone.</summary>
    public bool RefusesWrites => false;

    /// <summary>
    /// Applies the migrations (once across replicas: they queue on an app lock). Idempotent; every
    /// other member calls it on first use, and the host calls it at start-up.
    /// </summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (_initialized)
        {
            return;
        }

        await _initializing.WaitAsync(cancellationToken);
        try
        {
            if (_initialized)
            {
                return;
            }

            await _retry.ExecuteAsync(
                async (store, ct) =>
                {
                    await using var connection = await store.OpenRawAsync(ct);
                    await SqlServerMigrator.ApplyAsync(connection, store._options.CommandTimeoutSeconds, store._logger, ct);
                },
                this,
                cancellationToken);
            _initialized = true;
        }
        finally
        {
            _initializing.Release();
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<IngestResult>> IngestAsync(IReadOnlyList<NormalizedRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        cancellationToken.ThrowIfCancellationRequested();
        if (records.Count == 0)
        {
            return [];
        }

        await InitializeAsync(cancellationToken);
        var started = Stopwatch.GetTimestamp();
        var (results, batch, lastSequence) = await _retry.ExecuteAsync(
            async (state, ct) =>
            {
                await using var connection = await state.Store.OpenRawAsync(ct);
                await using var transaction = (SqlTransaction)await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
                var nowTicks = StoredTime.ToTicks(state.Store._time.GetUtcNow());
                var outcome = await new IngestTransaction(connection, transaction, state.Store._rules, state.Store._options, state.Store._hotIdentifiers).RunAsync(state.Records, nowTicks, ct);
                await transaction.CommitAsync(ct);
                return outcome;
            },
            (Store: this, Records: records),
            cancellationToken);

        if (lastSequence is { } last)
        {
            _signal.Publish(last);
        }

        foreach (var (key, (_, linkedProfiles)) in batch.Guard.Quarantined)
        {
            SqlServerMetrics.Quarantined.Add(1, new KeyValuePair<string, object?>("type", key.Type));
            AdminLog.IdentifierQuarantined(_logger, key.Type, SuppressionHasher.LogHash(key), linkedProfiles);
        }

        foreach (var (source, conflicts) in batch.ConflictsBySource)
        {
            var total = Interlocked.Add(ref _limitConflicts, conflicts);
            SqlServerLog.LimitConflict(_logger, source, conflicts, total);
        }

        if (_logger.IsEnabled(LogLevel.Debug))
        {
            var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            SqlServerLog.BatchCommitted(_logger, records.Count, batch.Changes.Count, elapsedMs);
        }

        return results;
    }

    /// <inheritdoc />
    public async Task<int> SweepAtRiskAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        var candidates = await ReadAsync(
            (connection, ct) => connection.QueryAsync<SqlRiskRow>(Command(SqlServerSql.SweepCandidates, null, ct)),
            cancellationToken);
        var flipIds = candidates
            .Where(c => _rules.IsAtRisk(c.StageOrder, StoredTime.FromTicks(c.LastActivityAt), now) != c.AtRisk)
            .Select(c => c.ProfileId)
            .ToList();

        var flips = 0;
        for (var start = 0; start < flipIds.Count; start += SweepChunk)
        {
            var chunk = flipIds.GetRange(start, Math.Min(SweepChunk, flipIds.Count - start));
            flips += await _retry.ExecuteAsync(
                async (state, ct) => await state.Store.SweepChunkAsync(state.Chunk, state.Now, ct),
                (Store: this, Chunk: chunk, Now: now),
                cancellationToken);
        }

        SqlServerLog.AtRiskSwept(_logger, flips);
        return flips;
    }

    /// <inheritdoc />
    public async Task<StageView?> GetStageAsync(ProfileKey key, CancellationToken cancellationToken)
    {
        var row = await ReadAsync(
            (connection, ct) => connection.QuerySingleOrDefaultAsync<SqlProfileRow>(Command(
                key.ProfileId is not null ? SqlServerSql.StageById : SqlServerSql.StageByIdentifier, KeyParameters(key), ct)),
            cancellationToken);
        return row is null ? null : SqlServerMapping.StageView(row);
    }

    /// <inheritdoc />
    public Task<string?> ResolveProfileIdAsync(ProfileKey key, CancellationToken cancellationToken) =>
        ReadAsync(
            (connection, ct) => connection.ExecuteScalarAsync<string?>(Command(
                key.ProfileId is not null ? SqlServerSql.ProfileIdById : SqlServerSql.ProfileIdByIdentifier, KeyParameters(key), ct)),
            cancellationToken);

    /// <inheritdoc />
    public Task<ProfileSnapshot?> GetProfileAsync(ProfileKey key, CancellationToken cancellationToken) =>
        ReadAsync(
            async (connection, ct) =>
            {
                var row = await connection.QuerySingleOrDefaultAsync<SqlProfileRow>(Command(
                    key.ProfileId is not null ? SqlServerSql.ProfileById : SqlServerSql.ProfileByIdentifier, KeyParameters(key), ct));
                if (row is null)
                {
                    return null;
                }

                await using var details = await connection.QueryMultipleAsync(Command(
                    SqlServerSql.Join([SqlServerSql.ProfileIdentifiers, SqlServerSql.ProfileTransitions, SqlServerSql.ProfileAliases]),
                    new { Id = row.ProfileId },
                    ct));
                var identifiers = (await details.ReadAsync<SqlIdentifierRow>())
                    .Select(i => new ProfileIdentifier(new IdentifierKey(i.Type, i.Value), i.RawValue, StoredTime.FromTicks(i.FirstSeen), i.Shared))
                    .ToList();
                var history = (await details.ReadAsync<SqlTransitionRow>()).Select(SqlServerMapping.Transition).ToList();
                var aliases = (await details.ReadAsync<string>()).ToList();
                return new ProfileSnapshot(
                    row.ProfileId,
                    identifiers,
                    StoredJson.ReadTraits(row.TraitsJson),
                    SqlServerMapping.StageView(row),
                    history,
                    aliases,
                    StoredTime.FromTicks(row.CreatedAt),
                    StoredTime.FromTicks(row.UpdatedAt));
            },
            cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<StageTransition>> GetStageHistoryAsync(string profileId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profileId);
        var rows = await ReadAsync(
            (connection, ct) => connection.QueryAsync<SqlTransitionRow>(Command(SqlServerSql.TransitionsByAnyId, new { Id = profileId }, ct)),
            cancellationToken);
        return rows.Select(SqlServerMapping.Transition).ToList();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StageView>> ListByStageAsync(string stage, bool? atRisk, string? afterProfileId, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stage);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var rows = await ReadAsync(
            (connection, ct) => connection.QueryAsync<SqlProfileRow>(Command(
                SqlServerSql.ByStage, new { Stage = stage, After = afterProfileId, AtRisk = atRisk, Limit = limit }, ct)),
            cancellationToken);
        return rows.Select(SqlServerMapping.StageView).ToList();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ProfileChange>> ListChangesAsync(long afterSequence, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var rows = await ReadAsync(
            (connection, ct) => connection.QueryAsync<SqlChangeRow>(Command(SqlServerSql.Changes, new { After = afterSequence, Limit = limit }, ct)),
            cancellationToken);
        return rows.Select(SqlServerMapping.Change).ToList();
    }

    /// <inheritdoc />
    public Task<long> GetLastChangeSequenceAsync(CancellationToken cancellationToken) =>
        ReadAsync((connection, ct) => connection.ExecuteScalarAsync<long>(Command(SqlServerSql.LastSequence, null, ct)), cancellationToken);

    /// <inheritdoc />
    public async Task<StoreStatistics> GetStatisticsAsync(CancellationToken cancellationToken)
    {
        var stages = await ReadAsync((connection, ct) => connection.QueryAsync<(string Stage, long Count)>(Command(SqlServerSql.ProfilesByStage, null, ct)), cancellationToken);
        var shared = await ReadAsync((connection, ct) => connection.ExecuteScalarAsync<long>(Command(SqlServerSql.SharedIdentifiers, null, ct)), cancellationToken);
        return new StoreStatistics(stages.ToDictionary(s => s.Stage, s => s.Count, StringComparer.Ordinal), shared, LimitConflictCount);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<IReadOnlyList<StageTransition>>> GetStageTimelinesAsync(DateTimeOffset? from, DateTimeOffset? to, string? source, CancellationToken cancellationToken)
    {
        var rows = await ReadAsync(
            (connection, ct) => connection.QueryAsync<SqlTransitionRow>(Command(
                SqlServerSql.Timelines(from is not null, to is not null, source is not null),
                new { From = from?.UtcTicks, To = to?.UtcTicks, Source = source },
                ct)),
            cancellationToken);
        var timelines = new List<IReadOnlyList<StageTransition>>();
        List<StageTransition>? current = null;
        string? currentProfile = null;
        foreach (var row in rows)
        {
            if (current is null || !string.Equals(row.ProfileId, currentProfile, StringComparison.Ordinal))
            {
                current = [];
                currentProfile = row.ProfileId;
                timelines.Add(current);
            }

            current.Add(SqlServerMapping.Transition(row));
        }

        return timelines;
    }

    /// <summary>Releases the start-up gate. Pooled connections stay with SqlClient's pool.</summary>
    public void Dispose() => _initializing.Dispose();

    private async Task<int> SweepChunkAsync(List<string> profileIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await OpenRawAsync(cancellationToken);
        await using var transaction = (SqlTransaction)await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        var lockTimeoutMs = Math.Min(_options.CommandTimeoutSeconds, 10) * 1000;
        // The sweep lock keeps two replicas' sweeps from flipping (and announcing) the same profile twice;
        // the profile locks order the flips with ingest touching the same profiles.
        await AppLocks.AcquireAsync(connection, transaction, [AppLocks.SweepLockName], lockTimeoutMs, _options.CommandTimeoutSeconds, cancellationToken);
        await AppLocks.AcquireAsync(connection, transaction, profileIds.Select(AppLocks.ForProfile), lockTimeoutMs, _options.CommandTimeoutSeconds, cancellationToken);
        var rows = await connection.QueryAsync<SqlRiskRow>(Command(
            SqlServerSql.SweepRecheck, new { Ids = TableValues.Names(profileIds).AsTableValuedParameter(TableValues.NamesType) }, cancellationToken, transaction));

        var nowTicks = StoredTime.ToTicks(_time.GetUtcNow());
        var raise = new List<string>();
        var clear = new List<string>();
        var changes = new List<PendingChange>();
        foreach (var row in rows.OrderBy(r => r.ProfileId, StringComparer.Ordinal))
        {
            var atRisk = _rules.IsAtRisk(row.StageOrder, StoredTime.FromTicks(row.LastActivityAt), now);
            if (atRisk == row.AtRisk)
            {
                continue;
            }

            (atRisk ? raise : clear).Add(row.ProfileId);
            changes.Add(new PendingChange(ChangeKind.AtRiskChanged, row.ProfileId, nowTicks, "sweep", AtRisk: atRisk));
        }

        if (changes.Count == 0)
        {
            await transaction.CommitAsync(cancellationToken);
            return 0;
        }

        var lastSequence = await connection.ExecuteScalarAsync<long>(Command(
            SqlServerSql.Join([SqlServerSql.RaiseAtRisk, SqlServerSql.ClearAtRisk, SqlServerSql.ReserveChangeSequences, SqlServerSql.InsertChanges, SqlServerSql.ReservedLastSequence]),
            new
            {
                Now = nowTicks,
                Raise = TableValues.Names(raise).AsTableValuedParameter(TableValues.NamesType),
                Clear = TableValues.Names(clear).AsTableValuedParameter(TableValues.NamesType),
                Count = (long)changes.Count,
                Changes = TableValues.Changes(changes).AsTableValuedParameter(TableValues.ChangesType),
            },
            cancellationToken,
            transaction));
        await transaction.CommitAsync(cancellationToken);
        _signal.Publish(lastSequence);
        return changes.Count;
    }

    private async Task<T> ReadAsync<T>(Func<SqlConnection, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        return await _retry.ExecuteAsync(
            async (state, ct) =>
            {
                await using var connection = await state.Store.OpenRawAsync(ct);
                return await state.Read(connection, ct);
            },
            (Store: this, Read: read),
            cancellationToken);
    }

    private async Task<SqlConnection> OpenRawAsync(CancellationToken cancellationToken)
    {
        var connection = new SqlConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private CommandDefinition Command(string sql, object? parameters, CancellationToken cancellationToken, IDbTransaction? transaction = null) =>
        new(sql, parameters, transaction, _options.CommandTimeoutSeconds, cancellationToken: cancellationToken);

    private static object KeyParameters(ProfileKey key) => key.ProfileId is { } id
        ? new { Id = id }
        : new { key.Identifier!.Value.Type, key.Identifier!.Value.Value };
}

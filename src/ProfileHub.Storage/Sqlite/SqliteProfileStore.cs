using System.Data;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ProfileHub.Core.Admin;
using ProfileHub.Core.Changes;
using ProfileHub.Core.Identity;
using ProfileHub.Core.Ingest;
using ProfileHub.Core.Journey;
using ProfileHub.Core.Profiles;
using ProfileHub.Core.Traits;

namespace ProfileHub.Storage.Sqlite;

/// <summary>
/// The embedded profile store: one SQLite file in WAL mode. Writes go through a single writer that
/// commits queued ingest calls in groups; reads use pooled connections that see the last committed
/// snapshot without blocking the writer.
/// </summary>
/// <remarks>
/// Acknowledged means on disk. The writer commits with synchronous=NORMAL and goes on with the
/// next group while a <see cref="DurabilityFlusher"/> fsyncs the WAL file; a call completes, and
/// the change feed (<see cref="ListChangesAsync"/>, <see cref="GetLastChangeSequenceAsync"/> and
/// the <see cref="ChangeSignal"/>) advances, only after the fsync that covers its commit. Profile,
/// stage and admin reads are not capped: they may show a write committed but not yet acknowledged
/// (a crash could still lose it, and its caller, never acknowledged, retries it idempotently by
/// source and record id). The feed cap assumes this process is the file's only writer, which the
/// single writer (it numbers changes itself) already requires.
/// </remarks>
public sealed partial class SqliteProfileStore : IProfileStore, IAsyncDisposable
{
    private readonly StorageOptions _options;
    private readonly ChangeSignal _signal;
    private readonly IIngestRules _rules;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _readConnectionString;
    private readonly string _writeConnectionString;
    private readonly SemaphoreSlim _initializing = new(1, 1);
    private SqliteWriter? _writer;
    private bool _disposed;
    private int _disposeStarted;

    /// <summary>Creates the store; nothing touches the file until <see cref="InitializeAsync"/> or the first call.</summary>
    /// <param name="options">Validated storage options (provider <c>sqlite</c>).</param>
    /// <param name="signal">Woken after every commit that produced changes.</param>
    /// <param name="resolver">Identity resolution applied inside the write transaction.</param>
    /// <param name="traits">Trait reconciliation.</param>
    /// <param name="catalog">The stage catalog (which events matter to stage rules).</param>
    /// <param name="evaluator">Stage evaluation over a profile's events.</param>
    /// <param name="atRisk">The churn policy used by ingest (clearing) and the sweep.</param>
    /// <param name="time">Clock for change and update times.</param>
    /// <param name="logger">Logger (no identifier values are logged).</param>
    /// <param name="quarantine">Hot-identifier quarantine settings; the defaults when not given.</param>
    public SqliteProfileStore(
        IOptions<StorageOptions> options,
        ChangeSignal signal,
        IdentityResolver resolver,
        TraitReconciler traits,
        StageCatalog catalog,
        StageEvaluator evaluator,
        AtRiskPolicy atRisk,
        TimeProvider time,
        ILogger<SqliteProfileStore> logger,
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

    internal SqliteProfileStore(StorageOptions options, ChangeSignal signal, IIngestRules rules, TimeProvider time, ILogger logger, QuarantineSettings? quarantine = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _signal = signal;
        _rules = rules;
        _time = time;
        _logger = logger;
        _quarantine = quarantine ?? new QuarantineSettings();

        var builder = new SqliteConnectionStringBuilder(options.ConnectionString)
        {
            DefaultTimeout = options.CommandTimeoutSeconds,
        };
        _writeConnectionString = new SqliteConnectionStringBuilder(builder.ConnectionString)
        {
            Mode = builder.Mode == SqliteOpenMode.Memory ? SqliteOpenMode.Memory : SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            ForeignKeys = true,
        }.ConnectionString;
        _readConnectionString = new SqliteConnectionStringBuilder(builder.ConnectionString)
        {
            Pooling = true,
        }.ConnectionString;
    }

    /// <summary>
    /// Creates or upgrades the schema and starts the writer. Idempotent; every other member calls it
    /// on first use, and the host calls it at start-up so migrations run before any request.
    /// </summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _writer) is not null)
        {
            return;
        }

        await _initializing.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_writer is not null)
            {
                return;
            }

            var connection = new SqliteConnection(_writeConnectionString);
            DurabilityFlusher? flusher = null;
            try
            {
                await connection.OpenAsync(cancellationToken);
                await connection.ExecuteAsync(new CommandDefinition(
                    WriterPragmas.Text + $"""

                    PRAGMA synchronous = FULL;
                    PRAGMA busy_timeout = {_options.CommandTimeoutSeconds * 1000};
                    """,
                    cancellationToken: cancellationToken));
                await SqliteMigrator.ApplyAsync(connection, _logger, cancellationToken);
                flusher = await StartFlusherAsync(connection, cancellationToken);
                var session = new WriterSession(connection, _rules, _options, _logger, _quarantine);
                _signal.Publish(session.Changes.LastSequence);
                Volatile.Write(ref _writer, new SqliteWriter(session, _signal, _time, _options.MaxGroupCommitRecords, flusher, _logger));
            }
            catch
            {
                flusher?.Dispose();
                await connection.DisposeAsync();
                throw;
            }
        }
        finally
        {
            _initializing.Release();
        }
    }

    /// <summary>
    /// True once a flush of the write-ahead log failed: from then on every write is refused (the
    /// state of the unflushed data is unknown) until the process restarts. Reads keep working.
    /// </summary>
    public bool RefusesWrites => Volatile.Read(ref _writer)?.Failure is not null;

    /// <summary>Opens the flusher of the WAL file (tests substitute one whose flush they control).</summary>
    internal Func<string, IWalFlush> OpenWalFlush { get; set; } = static path => new WalFileFlush(path);

    /// <summary>Identifier limit conflicts counted by this instance's writer since start-up (for metrics).</summary>
    public long LimitConflictCount => Volatile.Read(ref _writer)?.LimitConflicts ?? 0;

    /// <inheritdoc />
    public async Task<IReadOnlyList<IngestResult>> IngestAsync(IReadOnlyList<NormalizedRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        cancellationToken.ThrowIfCancellationRequested();
        if (records.Count == 0)
        {
            return [];
        }

        var request = new IngestWrite(records);
        var results = await EnqueueAsync(request, cancellationToken);
        // Started requests run to commit; a caller that gave up meanwhile gets no result.
        cancellationToken.ThrowIfCancellationRequested();
        return results;
    }

    /// <inheritdoc />
    public async Task<int> SweepAtRiskAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var flips = await EnqueueAsync(new AtRiskSweep(now), cancellationToken);
        StorageLog.AtRiskSwept(_logger, flips);
        return flips;
    }

    /// <inheritdoc />
    public async Task<StageView?> GetStageAsync(ProfileKey key, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReadAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ProfileRow>(
            Command(key.ProfileId is not null ? SqliteReadQueries.StageById : SqliteReadQueries.StageByIdentifier, KeyParameters(key), cancellationToken));
        return row is null ? null : ToStageView(row);
    }

    /// <inheritdoc />
    public async Task<string?> ResolveProfileIdAsync(ProfileKey key, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReadAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<string?>(
            Command(key.ProfileId is not null ? SqliteReadQueries.ProfileIdById : SqliteReadQueries.ProfileIdByIdentifier, KeyParameters(key), cancellationToken));
    }

    /// <inheritdoc />
    public async Task<ProfileSnapshot?> GetProfileAsync(ProfileKey key, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReadAsync(cancellationToken);
        // One read transaction: the row and its details come from the same committed snapshot.
        // Deferred, so it never takes the write lock (WAL readers must not block the writer).
        await using var transaction = connection.BeginTransaction(IsolationLevel.Serializable, deferred: true);
        var row = await connection.QuerySingleOrDefaultAsync<ProfileRow>(
            Command(key.ProfileId is not null ? SqliteReadQueries.ProfileById : SqliteReadQueries.ProfileByIdentifier, KeyParameters(key), cancellationToken, transaction));
        if (row is null)
        {
            return null;
        }

        await using var details = await connection.QueryMultipleAsync(
            Command(SqliteReadQueries.ProfileDetails, new { Id = row.ProfileId }, cancellationToken, transaction));
        var identifiers = (await details.ReadAsync<IdentifierRow>())
            .Select(i => new ProfileIdentifier(new IdentifierKey(i.Type, i.Value), i.RawValue, StoredTime.FromTicks(i.FirstSeen), i.Shared != 0))
            .ToList();
        var history = (await details.ReadAsync<TransitionRow>()).Select(ToTransition).ToList();
        var aliases = (await details.ReadAsync<string>()).ToList();
        return new ProfileSnapshot(
            row.ProfileId,
            identifiers,
            StoredJson.ReadTraits(row.TraitsJson),
            ToStageView(row),
            history,
            aliases,
            StoredTime.FromTicks(row.CreatedAt),
            StoredTime.FromTicks(row.UpdatedAt));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StageTransition>> GetStageHistoryAsync(string profileId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profileId);
        await using var connection = await OpenReadAsync(cancellationToken);
        var rows = await connection.QueryAsync<TransitionRow>(Command(SqliteReadQueries.Transitions, new { Id = profileId }, cancellationToken));
        return rows.Select(ToTransition).ToList();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StageView>> ListByStageAsync(string stage, bool? atRisk, string? afterProfileId, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stage);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await OpenReadAsync(cancellationToken);
        var rows = await connection.QueryAsync<ProfileRow>(Command(
            afterProfileId is null ? SqliteReadQueries.ByStageFirstPage : SqliteReadQueries.ByStageAfter,
            new { Stage = stage, After = afterProfileId, AtRisk = atRisk is { } risk ? (risk ? 1 : 0) : (int?)null, Limit = limit },
            cancellationToken));
        return rows.Select(ToStageView).ToList();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ProfileChange>> ListChangesAsync(long afterSequence, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await InitializeAsync(cancellationToken);
        // Capped at the durable sequence: a change committed but not yet flushed could still vanish in a crash.
        // A watcher already at the end is answered without a connection.
        var durable = DurableSequence;
        if (afterSequence >= durable)
        {
            return [];
        }

        await using var connection = await OpenReadAsync(cancellationToken);
        var rows = await connection.QueryAsync<ChangeRow>(Command(SqliteReadQueries.Changes, new { After = afterSequence, Durable = durable, Limit = limit }, cancellationToken));
        return rows.Select(ToChange).ToList();
    }

    /// <inheritdoc />
    public async Task<long> GetLastChangeSequenceAsync(CancellationToken cancellationToken)
    {
        // The writer numbers every change and changes are never deleted, so the newest durable one is
        // known without reading the table.
        await InitializeAsync(cancellationToken);
        return DurableSequence;
    }

    /// <inheritdoc />
    public async Task<StoreStatistics> GetStatisticsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenReadAsync(cancellationToken);
        var stages = await connection.QueryAsync<(string Stage, long Count)>(Command(SqliteReadQueries.ProfilesByStage, null, cancellationToken));
        var shared = await connection.ExecuteScalarAsync<long>(Command(SqliteReadQueries.SharedIdentifiers, null, cancellationToken));
        return new StoreStatistics(stages.ToDictionary(s => s.Stage, s => s.Count, StringComparer.Ordinal), shared, LimitConflictCount);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<IReadOnlyList<StageTransition>>> GetStageTimelinesAsync(DateTimeOffset? from, DateTimeOffset? to, string? source, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReadAsync(cancellationToken);
        var rows = await connection.QueryAsync<TransitionRow>(Command(
            SqliteReadQueries.Timelines(from is not null, to is not null, source is not null),
            new { From = from?.UtcTicks, To = to?.UtcTicks, Source = source },
            cancellationToken));
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

            current.Add(ToTransition(row));
        }

        return timelines;
    }

    /// <summary>Stops the writer after the queued work is committed, and closes every connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposeStarted, 1) != 0)
        {
            return;
        }

        await _initializing.WaitAsync();
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (_writer is { } writer)
            {
                await writer.DisposeAsync();
            }
        }
        finally
        {
            _initializing.Release();
        }

        using (var pooled = new SqliteConnection(_readConnectionString))
        {
            SqliteConnection.ClearPool(pooled);
        }

        _initializing.Dispose();
    }

    private async Task<T> EnqueueAsync<T>(WriteRequest<T> request, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        request.Watch(cancellationToken);
        if (_writer is not { } writer || !writer.TryEnqueue(request))
        {
            throw new ObjectDisposedException(nameof(SqliteProfileStore), "the profile store is shutting down");
        }

        return await request.Completion;
    }

    /// <summary>
    /// Switches the writer to pipelined durability when the database has a WAL file: commits stop
    /// fsyncing (synchronous=NORMAL) and the flusher fsyncs the log behind the writer. Without a WAL
    /// file (an in-memory database) commits stay synchronous=FULL and no flusher is started.
    /// </summary>
    private async Task<DurabilityFlusher?> StartFlusherAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var journalMode = await connection.ExecuteScalarAsync<string>(new CommandDefinition("PRAGMA journal_mode", cancellationToken: cancellationToken)) ?? string.Empty;
        var databasePath = connection.DataSource;
        if (!string.Equals(journalMode, "wal", StringComparison.OrdinalIgnoreCase) || string.IsNullOrEmpty(databasePath) || !File.Exists(databasePath + "-wal"))
        {
            DurabilityLog.NoWalFile(_logger, journalMode);
            return null;
        }

        var flush = OpenWalFlush(databasePath + "-wal");
        try
        {
            // A previous process may have committed frames the disk never received (it stopped
            // between a commit and its flush): make them durable before the feed shows their changes.
            flush.Flush();
            await connection.ExecuteAsync(new CommandDefinition("PRAGMA synchronous = NORMAL", cancellationToken: cancellationToken));
            var durable = await connection.ExecuteScalarAsync<long>(new CommandDefinition(SqliteReadQueries.LastSequence, cancellationToken: cancellationToken));
            return new DurabilityFlusher(flush, _signal, durable, _logger);
        }
        catch
        {
            flush.Dispose();
            throw;
        }
    }

    private async Task<SqliteConnection> OpenReadAsync(CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        var connection = new SqliteConnection(_readConnectionString);
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

    /// <summary>The newest change on disk (read after <see cref="InitializeAsync"/>, which starts the writer).</summary>
    private long DurableSequence => Volatile.Read(ref _writer)?.DurableSequence ?? 0;

    private CommandDefinition Command(string sql, object? parameters, CancellationToken cancellationToken, IDbTransaction? transaction = null) =>
        new(sql, parameters, transaction, _options.CommandTimeoutSeconds, cancellationToken: cancellationToken);

    private static object KeyParameters(ProfileKey key) => key.ProfileId is { } id
        ? new { Id = id }
        : new { key.Identifier!.Value.Type, key.Identifier!.Value.Value };

    private static StageView ToStageView(ProfileRow row) =>
        new(row.ProfileId, row.Stage, (int)row.StageOrder, StoredTime.FromTicks(row.StageEnteredAt), row.AtRisk != 0, row.Version);

    private static StageTransition ToTransition(TransitionRow row) =>
        new(row.FromStage, row.ToStage, (int)row.ToOrder, StoredTime.FromTicks(row.At), row.Source, row.RecordId, row.Reason);

    private static ProfileChange ToChange(ChangeRow row) => StoredChange.ToChange(
        row.Seq, row.Kind, row.ProfileId, row.At, row.IdsJson, row.FromStage, row.ToStage, row.AtRisk is { } risk ? risk != 0 : null, row.CausedBy, row.TraitNamesJson);
}

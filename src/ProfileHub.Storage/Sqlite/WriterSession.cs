using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using ProfileHub.Core.Admin;

namespace ProfileHub.Storage.Sqlite;

/// <summary>
/// Everything the writer holds across transactions: its dedicated connection, the prepared
/// statements, the profile cache and the change counter.
/// </summary>
internal sealed class WriterSession : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly PreparedStatement _deferForeignKeys;
    private SqliteTransaction? _transaction;

    public WriterSession(SqliteConnection connection, IIngestRules rules, StorageOptions options, ILogger logger, QuarantineSettings? quarantine = null)
    {
        _connection = connection;
        Rules = rules;
        Statements = new WriterStatements(connection);
        States = new ProfileStateStore(Statements, options.WriterCacheProfiles);
        // A profile has a handful of identifiers: room for about two per cached profile.
        Identifiers = new IdentifierCache(options.WriterCacheProfiles * 2);
        Changes = new ChangeWriter(Statements);
        Guard = new IngestGuard(connection, Statements, Identifiers, () => _transaction, options, quarantine ?? new QuarantineSettings(), logger);
        Records = new RecordApplier(Statements, States, Identifiers, Changes, rules, logger, Guard);
        // Checked at commit instead of per statement: a new profile's row is written after its
        // identifiers and record, once its final stage and traits are known.
        _deferForeignKeys = new PreparedStatement(connection, "PRAGMA defer_foreign_keys = ON");
    }

    public IIngestRules Rules { get; }

    /// <summary>The writer's dedicated connection (for rare ad-hoc statements inside the open transaction).</summary>
    public SqliteConnection Connection => _connection;

    /// <summary>The open transaction, or null between transactions.</summary>
    public SqliteTransaction? Transaction => _transaction;

    public WriterStatements Statements { get; }

    public ProfileStateStore States { get; }

    /// <summary>The writer's copy of identifier rows it has read.</summary>
    public IdentifierCache Identifiers { get; }

    public ChangeWriter Changes { get; }

    public RecordApplier Records { get; }

    /// <summary>Suppression and quarantine on the ingest path.</summary>
    public IngestGuard Guard { get; }

    /// <summary>Commit-side clock of the current transaction (change times, updated_at).</summary>
    public long NowTicks { get; private set; }

    public void Begin(DateTimeOffset now)
    {
        States.Trim();
        Identifiers.Trim();
        NowTicks = StoredTime.ToTicks(now);
        _transaction = _connection.BeginTransaction();
        _deferForeignKeys.Execute();
    }

    public void Commit()
    {
        _transaction!.Commit();
        End();
    }

    /// <summary>Undoes the open transaction and forgets every cached state that may reflect it.</summary>
    public void Rollback()
    {
        try
        {
            if (_transaction?.Connection is not null)
            {
                _transaction.Rollback();
            }
        }
        catch (SqliteException)
        {
            // SQLite may already have rolled back on its own (for example after SQLITE_FULL).
        }

        End();
        ClearCaches();
        Changes.Reload();
        Guard.Reload();
    }

    /// <summary>Forgets every cached profile and identifier row (after admin writes that change them in bulk).</summary>
    public void ClearCaches()
    {
        States.Clear();
        Identifiers.Clear();
    }

    public void Dispose()
    {
        _transaction?.Dispose();
        _deferForeignKeys.Dispose();
        Statements.Dispose();
        // The session owns the connection: closing it (not leaving it to the finalizer) releases the
        // file, and the last connection to close folds the write-ahead log back into the database.
        _connection.Dispose();
    }

    private void End()
    {
        _transaction?.Dispose();
        _transaction = null;
    }
}

using System.Globalization;
using System.Diagnostics;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using ProfileHub.Storage.Migrations;

namespace ProfileHub.Storage.Sqlite;

/// <summary>
/// Applies the embedded SQLite migrations in version order, each in its own transaction together
/// with its <c>schema_version</c> row, so a crash leaves the schema at a whole version. Re-running
/// is a no-op.
/// </summary>
internal static class SqliteMigrator
{
    private const string ResourcePrefix = "ProfileHub.Storage.Migrations.Sqlite.";

    private const string CreateVersionTable = """
        CREATE TABLE IF NOT EXISTS schema_version (
            version    INTEGER NOT NULL PRIMARY KEY,
            name       TEXT    NOT NULL,
            applied_at TEXT    NOT NULL
        )
        """;

    /// <summary>The embedded migrations, ordered by version.</summary>
    public static IReadOnlyList<EmbeddedMigration> Embedded { get; } = EmbeddedMigration.Load(ResourcePrefix);

    /// <summary>Applies every migration newer than the database's version; returns the resulting version.</summary>
    public static async Task<int> ApplyAsync(SqliteConnection connection, ILogger logger, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(CreateVersionTable, cancellationToken: cancellationToken));
        var current = await CurrentVersionAsync(connection, null, cancellationToken);

        foreach (var migration in Embedded)
        {
            if (migration.Version <= current)
            {
                continue;
            }

            var watch = Stopwatch.StartNew();
            // BEGIN IMMEDIATE takes the write lock first, so two processes starting at once cannot
            // both apply the same version: the second waits, re-reads the version and skips.
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken);
            var inside = await CurrentVersionAsync(connection, transaction, cancellationToken);
            if (migration.Version <= inside)
            {
                await transaction.RollbackAsync(cancellationToken);
                current = inside;
                continue;
            }

            await connection.ExecuteAsync(new CommandDefinition(migration.Sql, transaction: transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO schema_version (version, name, applied_at) VALUES (@Version, @Name, @AppliedAt)",
                new { migration.Version, migration.Name, AppliedAt = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture) },
                transaction,
                cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            current = migration.Version;
            StorageLog.MigrationApplied(logger, migration.Version, migration.Name, watch.ElapsedMilliseconds);
        }

        StorageLog.SchemaCurrent(logger, current);
        return current;
    }

    private static Task<int> CurrentVersionAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT coalesce(max(version), 0) FROM schema_version", transaction: transaction, cancellationToken: cancellationToken));
}

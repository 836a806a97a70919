using System.Diagnostics;
using Dapper;
using Microsoft.Data.SqlClient;
using Microsoft.Extensions.Logging;
using ProfileHub.Storage.Migrations;

namespace ProfileHub.Storage.SqlServer;

/// <summary>
/// Applies the embedded T-SQL migrations at start-up. A session-owned app lock serialises replicas
/// that start together: the first applies each missing version in its own transaction together with
/// its <c>schema_version</c> row; the others wait, then find the schema current and skip.
/// </summary>
internal static class SqlServerMigrator
{
    public const string ResourcePrefix = "ProfileHub.Storage.Migrations.SqlServer.";

    /// <summary>The embedded migrations, ordered by version.</summary>
    public static IReadOnlyList<EmbeddedMigration> Embedded { get; } = EmbeddedMigration.Load(ResourcePrefix);

    /// <summary>Applies every migration newer than the database's version; returns the resulting version.</summary>
    public static async Task<int> ApplyAsync(SqlConnection connection, int commandTimeoutSeconds, ILogger logger, CancellationToken cancellationToken)
    {
        // Waiting replicas queue on the lock for as long as a migration may take.
        var lockTimeoutMs = Math.Max(commandTimeoutSeconds, 60) * 1000;
        await connection.ExecuteAsync(new CommandDefinition(
            SqlServerSql.MigrationLock, new { Timeout = lockTimeoutMs }, commandTimeout: commandTimeoutSeconds + (lockTimeoutMs / 1000), cancellationToken: cancellationToken));
        var mode = await connection.ExecuteScalarAsync<string>(new CommandDefinition(SqlServerSql.MigrationLockHeld, commandTimeout: commandTimeoutSeconds, cancellationToken: cancellationToken));
        if (!string.Equals(mode, "Exclusive", StringComparison.Ordinal))
        {
            throw new AppLockNotGrantedException("another replica held the migration lock for too long");
        }

        try
        {
            await connection.ExecuteAsync(new CommandDefinition(SqlServerSql.CreateVersionTable, commandTimeout: commandTimeoutSeconds, cancellationToken: cancellationToken));
            var current = await connection.ExecuteScalarAsync<int>(new CommandDefinition(SqlServerSql.CurrentVersion, commandTimeout: commandTimeoutSeconds, cancellationToken: cancellationToken));
            foreach (var migration in Embedded)
            {
                if (migration.Version <= current)
                {
                    continue;
                }

                var watch = Stopwatch.StartNew();
                await using var transaction = (SqlTransaction)await connection.BeginTransactionAsync(cancellationToken);
                await connection.ExecuteAsync(new CommandDefinition(migration.Sql, transaction: transaction, commandTimeout: Math.Max(commandTimeoutSeconds, 300), cancellationToken: cancellationToken));
                await connection.ExecuteAsync(new CommandDefinition(
                    SqlServerSql.InsertVersion, new { migration.Version, migration.Name }, transaction, commandTimeoutSeconds, cancellationToken: cancellationToken));
                await transaction.CommitAsync(cancellationToken);
                current = migration.Version;
                SqlServerLog.MigrationApplied(logger, migration.Version, migration.Name, watch.ElapsedMilliseconds);
            }

            SqlServerLog.SchemaCurrent(logger, current);
            return current;
        }
        finally
        {
            // Released explicitly so the pooled session does not keep it; closing the session would too.
            await connection.ExecuteAsync(new CommandDefinition(SqlServerSql.MigrationUnlock, commandTimeout: commandTimeoutSeconds, cancellationToken: CancellationToken.None));
        }
    }
}

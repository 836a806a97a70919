using System.Data;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.Data.SqlClient;
using ProfileHub.Core.Identity;

namespace ProfileHub.Storage.SqlServer;

/// <summary>
/// Transaction-owned exclusive app locks (sp_getapplock) on normalized identifier keys, record keys
/// and profile ids. Names are hashed to fit the 255-character limit; every caller takes its locks in
/// ordinal name order, so two transactions wanting the same locks queue instead of deadlocking.
/// </summary>
internal static class AppLocks
{
    // sp_getapplock calls per round trip: each name is one of SQL Server's 2,100 parameters.
    private const int NamesPerCommand = 1_000;

    public const string SweepLockName = "profilehub:at-risk-sweep";

    public static string ForIdentifier(IdentifierKey key) => "phi:" + Hash(key.Type, key.Value);

    // Prefixes sort record (phc) < identifier (phi) < profile (php), the order ingest takes them in, so
    // locks follow one ordinal order; only profiles added by ingest's re-check can break it (a deadlock
    // there is detected by SQL Server and the transaction retried).
    public static string ForRecord(string source, string recordId) => "phc:" + Hash(source, recordId);

    public static string ForProfile(string profileId) => profileId.Length <= 200 ? "php:" + profileId : "php#" + Hash(profileId, string.Empty);

    /// <summary>Takes every lock in <paramref name="names"/> in ordinal order; throws <see cref="AppLockNotGrantedException"/> when one is refused.</summary>
    public static async Task AcquireAsync(SqlConnection connection, SqlTransaction transaction, IEnumerable<string> names, int lockTimeoutMs, int commandTimeoutSeconds, CancellationToken cancellationToken)
    {
        var ordered = names.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        for (var start = 0; start < ordered.Count; start += NamesPerCommand)
        {
            var chunk = ordered.GetRange(start, Math.Min(NamesPerCommand, ordered.Count - start));
            var parameters = new DynamicParameters();
            parameters.Add("@Timeout", lockTimeoutMs, DbType.Int32);
            parameters.Add("@Names", TableValues.Names(chunk).AsTableValuedParameter(TableValues.NamesType));
            for (var i = 0; i < chunk.Count; i++)
            {
                parameters.Add(SqlServerSql.LockParameter(i), chunk[i], DbType.String, size: 255);
            }

            var refused = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                SqlServerSql.AcquireLocks(chunk.Count), parameters, transaction, commandTimeoutSeconds, cancellationToken: cancellationToken));
            if (refused > 0)
            {
                throw new AppLockNotGrantedException();
            }
        }
    }

    private static string Hash(string first, string second)
    {
        var bytes = Encoding.UTF8.GetBytes(string.Concat(first, "\0", second));
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }
}

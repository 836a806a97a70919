using Microsoft.Data.SqlClient;

namespace ProfileHub.Storage.SqlServer;

/// <summary>SQL Server errors after which the whole transaction is safe to run again.</summary>
internal static class SqlServerTransientErrors
{
    // 1205 deadlock victim; 1222 lock request timeout; 40613/40197/40501/49918/49919/49920 Azure SQL
    // reconfiguration, failover and throttling; 4060 database unavailable (failover in progress);
    // 4221 readable secondary catching up; 233/64/20/-2/10053/10054/10060/10928/10929 connection
    // resets, timeouts and resource limits; 41301/41302/41305/41325 in-memory OLTP conflicts.
    private static readonly HashSet<int> Numbers =
    [
        1205, 1222, 40613, 40197, 40501, 49918, 49919, 49920, 4060, 4221, 233, 64, 20, -2, 10053, 10054, 10060, 10928, 10929,
        41301, 41302, 41305, 41325,
    ];

    public static bool IsTransient(Exception exception) => exception switch
    {
        AppLockNotGrantedException => true,
        SqlException sql => IsTransient(sql),
        _ => false,
    };

    public static bool IsTransient(SqlException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        foreach (SqlError error in exception.Errors)
        {
            if (Numbers.Contains(error.Number))
            {
                return true;
            }
        }

        return Numbers.Contains(exception.Number);
    }
}

namespace ProfileHub.Storage.Tests.Contract;

/// <summary>A SQL Server–only fact: skipped with the variable's name in the reason while PROFILEHUB_TEST_SQLSERVER is empty.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SqlServerFactAttribute : FactAttribute
{
    public const string SkipReason = "set PROFILEHUB_TEST_SQLSERVER to a connection string to run";

    public SqlServerFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(SqlServerContractDatabase.Variable)))
        {
            Skip = SkipReason;
        }
    }
}

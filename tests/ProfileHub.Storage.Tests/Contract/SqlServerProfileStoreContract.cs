namespace ProfileHub.Storage.Tests.Contract;

/// <summary>
/// The storage contract on SQL Server: a fresh database per test on the server named by
/// PROFILEHUB_TEST_SQLSERVER; skipped with that reason when the variable is empty.
/// </summary>
[RequiresEnvironment(SqlServerContractDatabase.Variable, SqlServerFactAttribute.SkipReason)]
public sealed class SqlServerProfileStoreContract : ProfileStoreContract
{
    protected override IContractDatabase CreateDatabase(ContractRules rules) => new SqlServerContractDatabase(rules);
}

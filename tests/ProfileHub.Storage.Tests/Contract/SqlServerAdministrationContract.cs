namespace ProfileHub.Storage.Tests.Contract;

/// <summary>The administration contract on SQL Server; skipped with that reason when PROFILEHUB_TEST_SQLSERVER is empty.</summary>
[RequiresEnvironment(SqlServerContractDatabase.Variable, SqlServerFactAttribute.SkipReason)]
public sealed class SqlServerAdministrationContract : AdministrationContract
{
    protected override IContractDatabase CreateDatabase(ContractRules rules) => new SqlServerContractDatabase(rules);
}

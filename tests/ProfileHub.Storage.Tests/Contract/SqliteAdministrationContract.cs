namespace ProfileHub.Storage.Tests.Contract;

/// <summary>The administration contract on a real SQLite file (always runs).</summary>
public sealed class SqliteAdministrationContract : AdministrationContract
{
    protected override IContractDatabase CreateDatabase(ContractRules rules) => new SqliteContractDatabase(rules);
}

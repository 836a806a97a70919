namespace ProfileHub.Storage.Tests.Contract;

/// <summary>The storage contract on a real SQLite file (always runs).</summary>
public sealed class SqliteProfileStoreContract : ProfileStoreContract
{
    protected override IContractDatabase CreateDatabase(ContractRules rules) => new SqliteContractDatabase(rules);
}

using Dapper;
using Microsoft.Data.SqlClient;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ProfileHub.Core.Journey;
using ProfileHub.Core.Traits;
using ProfileHub.Storage.SqlServer;

namespace ProfileHub.Storage.Tests.Contract;

public sealed class SqlServerRegistrationTests
{
    [Fact]
    public void Provider_sqlserver_registers_the_SQL_Server_store_without_connecting()
    {
        var rules = new ContractRules();
        var services = new ServiceCollection();
        services.AddSingleton(rules.Resolver);
        services.AddSingleton(new TraitReconciler(new TraitSettings()));
        services.AddSingleton(rules.Stages);
        services.AddSingleton<StageEvaluator>();
        services.AddSingleton<AtRiskPolicy>();
        services.AddLogging();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Provider"] = "SqlServer",
            ["ConnectionString"] = "Server=tcp:127.0.0.1,1;Database=profilehub;Encrypt=true;TrustServerCertificate=false",
        }).Build();

        services.AddProfileHubStorage(configuration);
        using var provider = services.BuildServiceProvider();

        Assert.IsType<SqlServerProfileStore>(provider.GetRequiredService<IProfileStore>());
        Assert.Same(provider.GetRequiredService<IProfileStore>(), provider.GetRequiredService<IProfileAdministration>());
        Assert.Contains(provider.GetServices<IHostedService>(), s => s is SqlServerStartupService);
    }

    [Theory]
    [InlineData("Server=tcp:db,1433;Encrypt=true", "needs a Database (Initial Catalog)")]
    [InlineData("Database=profilehub", "needs a Server (Data Source)")]
    [InlineData("Server=db;Database=x;Bogus Key=1", "not a valid SQL Server connection string")]
    public void SQL_Server_connection_strings_are_checked_at_start_up(string connectionString, string expected)
    {
        var result = new StorageOptionsValidator().Validate(null, new StorageOptions { Provider = "sqlserver", ConnectionString = connectionString });

        Assert.True(result.Failed);
        Assert.Contains("ProfileHub:Storage:ConnectionString: " + expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [SqlServerFact]
    public async Task Replicas_starting_together_on_an_empty_database_apply_each_migration_exactly_once()
    {
        var rules = new ContractRules();
        await using var database = new SqlServerContractDatabase(rules);
        await database.CreateEmptyAsync();
        var replicas = Enumerable.Range(0, 4)
            .Select(_ => rules.OpenSqlServer(new StorageOptions { Provider = "sqlserver", ConnectionString = database.ConnectionString }, new ChangeSignal()))
            .ToList();

        await Task.WhenAll(replicas.Select(r => Task.Run(() => r.InitializeAsync(CancellationToken.None))));

        await using var connection = new SqlConnection(database.ConnectionString);
        var versions = (await connection.QueryAsync<int>("SELECT version FROM dbo.schema_version ORDER BY version")).ToList();
        Assert.Equal(SqlServerMigrator.Embedded.Select(m => m.Version), versions);
        replicas.ForEach(r => r.Dispose());
    }
}

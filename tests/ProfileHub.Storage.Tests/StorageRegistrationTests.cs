using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ProfileHub.Core.Identity;
using ProfileHub.Core.Journey;
using ProfileHub.Core.Traits;
using ProfileHub.Storage.Sqlite;

namespace ProfileHub.Storage.Tests;

public sealed class StorageRegistrationTests
{
    [Fact]
    public async Task Host_start_applies_migrations_before_any_call_and_registers_one_store()
    {
        await using var harness = new StoreHarness();
        using var host = BuildHost(harness, new Dictionary<string, string?> { ["ProfileHub:Storage:ConnectionString"] = $"Data Source={harness.DatabasePath}" });

        await host.StartAsync();

        using (var connection = harness.Connect())
        {
            Assert.Equal(SqliteMigrator.Embedded.Count, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM schema_version"));
        }

        Assert.Same(host.Services.GetRequiredService<SqliteProfileStore>(), host.Services.GetRequiredService<IProfileStore>());
        await host.StopAsync();
    }

    [Theory]
    [InlineData("Provider", "sqlserver", "ProfileHub:Storage:ConnectionString: needs a Database (Initial Catalog) for provider \"sqlserver\"")]
    [InlineData("Provider", "postgres", "ProfileHub:Storage:Provider: unknown provider \"postgres\"")]
    [InlineData("ConnectionString", "", "ProfileHub:Storage:ConnectionString: must not be empty")]
    [InlineData("ConnectionString", "Data Source=x.db;Mode=ReadOnly", "ProfileHub:Storage:ConnectionString: Mode=ReadOnly")]
    [InlineData("MaxGroupCommitRecords", "0", "ProfileHub:Storage:MaxGroupCommitRecords: must be between 1 and 100000")]
    [InlineData("CommandTimeoutSeconds", "0", "ProfileHub:Storage:CommandTimeoutSeconds: must be between 1 and 3600")]
    public async Task Invalid_settings_fail_start_up_with_a_message_naming_the_key(string key, string value, string expected)
    {
        await using var harness = new StoreHarness();
        using var host = BuildHost(harness, new Dictionary<string, string?>
        {
            ["ProfileHub:Storage:ConnectionString"] = $"Data Source={harness.DatabasePath}",
            ["ProfileHub:Storage:" + key] = value,
        });

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_match_the_documented_configuration()
    {
        var options = new StorageOptions();

        Assert.Equal("sqlite", options.Provider);
        Assert.Equal("Data Source=profilehub.db", options.ConnectionString);
        Assert.Equal(5_000, options.MaxGroupCommitRecords);
        Assert.True(new StorageOptionsValidator().Validate(null, options).Succeeded);
    }

    private static IHost BuildHost(StoreHarness harness, Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton(harness.Resolver);
        builder.Services.AddSingleton(new TraitReconciler(new TraitSettings()));
        builder.Services.AddSingleton(harness.Stages);
        builder.Services.AddSingleton<StageEvaluator>();
        builder.Services.AddSingleton<AtRiskPolicy>();
        builder.Services.AddLogging();
        builder.Services.AddProfileHubStorage(builder.Configuration.GetSection(StorageOptions.SectionName));
        return builder.Build();
    }
}

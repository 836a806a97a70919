using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ProfileHub.Storage.Sqlite;
using ProfileHub.Storage.SqlServer;

namespace ProfileHub.Storage;

/// <summary>Registers the profile store.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="StorageOptions"/> (bound from <paramref name="storageSection"/>, validated
    /// at start), <see cref="ChangeSignal"/>, the store as the <see cref="IProfileStore"/> singleton
    /// and a hosted service that applies migrations at start-up. <c>Provider=sqlserver</c> selects
    /// the SQL Server store (<c>SqlServer.SqlServerProfileStore</c>), anything else the SQLite store. The store resolves the Core services
    /// (<c>IdentityResolver</c>, <c>TraitReconciler</c>, <c>StageCatalog</c>, <c>StageEvaluator</c>,
    /// <c>AtRiskPolicy</c>) and <see cref="TimeProvider"/> from the container: the host registers them.
    /// </summary>
    public static IServiceCollection AddProfileHubStorage(this IServiceCollection services, IConfiguration storageSection)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(storageSection);

        services.AddOptions<StorageOptions>().Bind(storageSection).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());
        services.TryAddSingleton<ChangeSignal>();
        services.TryAddSingleton(TimeProvider.System);
        if (string.Equals(storageSection[nameof(StorageOptions.Provider)], StorageOptions.SqlServerProvider, StringComparison.OrdinalIgnoreCase))
        {
            services.TryAddSingleton<SqlServerProfileStore>();
            services.TryAddSingleton<IProfileStore>(provider => provider.GetRequiredService<SqlServerProfileStore>());
            services.TryAddSingleton<IProfileAdministration>(provider => provider.GetRequiredService<SqlServerProfileStore>());
            services.AddHostedService<SqlServerStartupService>();
        }
        else
        {
            services.TryAddSingleton<SqliteProfileStore>();
            services.TryAddSingleton<IProfileStore>(provider => provider.GetRequiredService<SqliteProfileStore>());
            services.TryAddSingleton<IProfileAdministration>(provider => provider.GetRequiredService<SqliteProfileStore>());
        }

        services.AddHostedService<StorageMigrationService>();
        return services;
    }
}

using Microsoft.Extensions.Hosting;

namespace ProfileHub.Storage;

/// <summary>
/// Applies the store's migrations and starts its writer while the host starts, before the server
/// accepts calls (hosted services start ahead of the web server).
/// </summary>
internal sealed class StorageMigrationService(IProfileStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        store is Sqlite.SqliteProfileStore sqlite ? sqlite.InitializeAsync(cancellationToken) : Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

using Microsoft.Extensions.Hosting;

namespace ProfileHub.Storage.SqlServer;

/// <summary>Applies the SQL Server migrations while the host starts, before the server accepts calls.</summary>
internal sealed class SqlServerStartupService(SqlServerProfileStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.InitializeAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

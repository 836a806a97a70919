using System.Diagnostics.Metrics;

namespace ProfileHub.Storage.SqlServer;

/// <summary>The SQL Server store's instruments (same meter and names as the SQLite store's, so dashboards see one series).</summary>
internal static class SqlServerMetrics
{
    private static readonly Meter StorageMeter = new("ProfileHub.Storage");

    public static Counter<long> Quarantined { get; } =
        StorageMeter.CreateCounter<long>("profilehub_quarantined_identifiers", description: "Identifiers quarantined from linking because they linked too many profiles too fast.");
}

namespace ProfileHub.Storage.SqlServer;

/// <summary>One versioned schema change, read from an embedded <c>Migrations/SqlServer/NNNN_name.sql</c> resource.</summary>
internal sealed record SqlServerMigration(int Version, string Name, string Sql);

namespace ProfileHub.Storage.Sqlite;

/// <summary>One versioned schema change, read from an embedded <c>NNNN_name.sql</c> resource.</summary>
internal sealed record SqliteMigration(int Version, string Name, string Sql);

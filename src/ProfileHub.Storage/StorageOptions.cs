namespace ProfileHub.Storage;

/// <summary>
/// Settings of the profile store, bound from the <c>ProfileHub:Storage</c> configuration section.
/// </summary>
public sealed class StorageOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "ProfileHub:Storage";

    /// <summary>The embedded SQLite provider (the default).</summary>
    public const string SqliteProvider = "sqlite";

    /// <summary>The SQL Server provider.</summary>
    public const string SqlServerProvider = "sqlserver";

    /// <summary><c>sqlite</c> (default) or <c>sqlserver</c>.</summary>
    public string Provider { get; set; } = SqliteProvider;

    /// <summary>ADO.NET connection string of the provider; for SQLite a file in the working directory by default.</summary>
    public string ConnectionString { get; set; } = "Data Source=profilehub.db";

    /// <summary>Most records the single writer commits in one transaction (group commit).</summary>
    public int MaxGroupCommitRecords { get; set; } = 5_000;

    /// <summary>Timeout of one database command, in seconds (also how long a busy database is retried).</summary>
    public int CommandTimeoutSeconds { get; set; } = 30;

    /// <summary>How many profiles the writer keeps in its write-through cache.</summary>
    public int WriterCacheProfiles { get; set; } = 100_000;

    /// <summary>
    /// Salt of the identifier hashes on the erasure suppression list. When empty, a random salt is
    /// generated on the first erasure and kept in the database.
    /// </summary>
    public string? SuppressionSalt { get; set; }
}

using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace ProfileHub.Storage;

/// <summary>Checks <see cref="StorageOptions"/> at start-up; every failure names the configuration key.</summary>
public sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    private const string Prefix = StorageOptions.SectionName + ":";

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (string.Equals(options.Provider, StorageOptions.SqlServerProvider, StringComparison.OrdinalIgnoreCase))
        {
            ValidateSqlServerConnectionString(options.ConnectionString, failures);
        }
        else if (!string.Equals(options.Provider, StorageOptions.SqliteProvider, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"{Prefix}Provider: unknown provider \"{options.Provider}\"; expected \"sqlite\" or \"sqlserver\"");
        }
        else
        {
            ValidateSqliteConnectionString(options.ConnectionString, failures);
        }

        if (options.MaxGroupCommitRecords is < 1 or > 100_000)
        {
            failures.Add($"{Prefix}MaxGroupCommitRecords: must be between 1 and 100000 (was {options.MaxGroupCommitRecords})");
        }

        if (options.CommandTimeoutSeconds is < 1 or > 3_600)
        {
            failures.Add($"{Prefix}CommandTimeoutSeconds: must be between 1 and 3600 (was {options.CommandTimeoutSeconds})");
        }

        if (options.WriterCacheProfiles is < 0 or > 10_000_000)
        {
            failures.Add($"{Prefix}WriterCacheProfiles: must be between 0 and 10000000 (was {options.WriterCacheProfiles})");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateSqlServerConnectionString(string? connectionString, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            failures.Add($"{Prefix}ConnectionString: must not be empty (for example \"Server=tcp:db.example.net,1433;Database=profilehub;Encrypt=true\")");
            return;
        }

        try
        {
            var builder = new SqlConnectionStringBuilder(connectionString);
            if (string.IsNullOrWhiteSpace(builder.DataSource))
            {
                failures.Add($"{Prefix}ConnectionString: needs a Server (Data Source) for provider \"sqlserver\"");
            }

            if (string.IsNullOrWhiteSpace(builder.InitialCatalog))
            {
                failures.Add($"{Prefix}ConnectionString: needs a Database (Initial Catalog) for provider \"sqlserver\"");
            }
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            failures.Add($"{Prefix}ConnectionString: not a valid SQL Server connection string ({ex.Message})");
        }
    }

    private static void ValidateSqliteConnectionString(string? connectionString, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            failures.Add($"{Prefix}ConnectionString: must not be empty (for example \"Data Source=profilehub.db\")");
            return;
        }

        try
        {
            var builder = new SqliteConnectionStringBuilder(connectionString);
            if (string.IsNullOrWhiteSpace(builder.DataSource))
            {
                failures.Add($"{Prefix}ConnectionString: needs a Data Source (the database file)");
            }
            else if (builder.Mode is SqliteOpenMode.ReadOnly)
            {
                failures.Add($"{Prefix}ConnectionString: Mode=ReadOnly cannot store profiles");
            }
        }
        catch (ArgumentException ex)
        {
            failures.Add($"{Prefix}ConnectionString: not a valid SQLite connection string ({ex.Message})");
        }
    }
}

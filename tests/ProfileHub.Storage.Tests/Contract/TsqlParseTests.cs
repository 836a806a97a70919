using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using ProfileHub.Storage.SqlServer;

namespace ProfileHub.Storage.Tests.Contract;

/// <summary>
/// Every T-SQL statement of the SQL Server store parses with an independent T-SQL parser
/// (node-sql-parser, transactsql dialect, run by Node from tests/tsql-parse), so a syntax error is
/// caught on machines where no SQL Server runs.
/// </summary>
public sealed partial class TsqlParseTests
{
    [Fact]
    public void Every_store_statement_and_migration_statement_parses_as_T_SQL()
    {
        var statements = StoreStatements().Concat(MigrationStatements()).ToList();

        var (exitCode, output) = Parse(statements);

        Assert.True(exitCode == 0, output);
        Assert.Contains($"{statements.Count} of {statements.Count} T-SQL statements parse", output, StringComparison.Ordinal);
        Assert.True(statements.Count > 60, $"only {statements.Count} statements were collected");
    }

    [Fact]
    public void The_parse_check_fails_on_a_statement_with_a_syntax_error()
    {
        var (exitCode, output) = Parse([("broken", "SELECT profile_id FROM dbo.profiles WHERE AND stage = @Stage")]);

        Assert.Equal(1, exitCode);
        Assert.Contains("FAIL broken", output, StringComparison.Ordinal);
    }

    private static IEnumerable<(string Name, string Sql)> StoreStatements()
    {
        foreach (var field in typeof(SqlServerSql).GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
        {
            if (field.IsLiteral && field.FieldType == typeof(string))
            {
                yield return ("SqlServerSql." + field.Name, (string)field.GetRawConstantValue()!);
            }
        }

        yield return ("SqlServerSql.AcquireLocks(3)", SqlServerSql.AcquireLocks(3));
        foreach (var from in new[] { false, true })
        {
            foreach (var to in new[] { false, true })
            {
                foreach (var source in new[] { false, true })
                {
                    yield return ($"SqlServerSql.Timelines({from}, {to}, {source})", SqlServerSql.Timelines(from, to, source));
                }
            }
        }

        // The batches the store sends, joined exactly as it joins them.
        yield return ("ingest write batch", SqlServerSql.Join([
            SqlServerSql.RepointIdentifiers, SqlServerSql.RepointPeople, SqlServerSql.DeleteMovedPeople, SqlServerSql.RepointRecords,
            SqlServerSql.RepointAliases, SqlServerSql.DeleteMovedTransitions, SqlServerSql.DeleteMovedProfiles, SqlServerSql.InsertAliases,
            SqlServerSql.InsertMerges, SqlServerSql.UpdateIdentifiers, SqlServerSql.InsertIdentifiers, SqlServerSql.InsertPeople,
            SqlServerSql.InsertRecords, SqlServerSql.CutTransitions, SqlServerSql.InsertTransitions, SqlServerSql.UpdateProfiles,
            SqlServerSql.InsertProfiles, SqlServerSql.ReserveChangeSequences, SqlServerSql.InsertChanges, SqlServerSql.ReservedLastSequence,
        ]));
        yield return ("profile load batch", SqlServerSql.Join([
            SqlServerSql.LoadProfileRows, SqlServerSql.LoadProfileCounts, SqlServerSql.LoadProfileEvents, SqlServerSql.LoadProfileTransitions,
        ]));
    }

    private static IEnumerable<(string Name, string Sql)> MigrationStatements()
    {
        Assert.NotEmpty(SqlServerMigrator.Embedded);
        foreach (var migration in SqlServerMigrator.Embedded)
        {
            var parts = StatementEnd().Split(migration.Sql);
            for (var i = 0; i < parts.Length; i++)
            {
                var body = string.Join('\n', parts[i].Split('\n').Where(line => !line.TrimStart().StartsWith("--", StringComparison.Ordinal))).Trim();
                if (body.Length > 0)
                {
                    yield return ($"migration {migration.Version:D4}_{migration.Name} statement {i + 1}", body);
                }
            }
        }
    }

    private static (int ExitCode, string Output) Parse(IReadOnlyList<(string Name, string Sql)> statements)
    {
        var directory = Path.Combine(RepositoryRoot(), "tests", "tsql-parse");
        if (!Directory.Exists(Path.Combine(directory, "node_modules", "node-sql-parser")))
        {
            var (installed, log) = Run("npm", "ci --no-audit --no-fund", directory);
            Assert.True(installed == 0, "npm ci in tests/tsql-parse failed: " + log);
        }

        var input = Path.Combine(Path.GetTempPath(), "profilehub-tsql-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(input, JsonSerializer.Serialize(statements.Select(s => new { name = s.Name, sql = s.Sql })));
        try
        {
            return Run("node", $"parse.js \"{input}\"", directory);
        }
        finally
        {
            File.Delete(input);
        }
    }

    private static (int ExitCode, string Output) Run(string fileName, string arguments, string directory)
    {
        using var process = Process.Start(new ProcessStartInfo(fileName, arguments)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException(fileName + " did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException(fileName + " " + arguments + " did not finish in 5 minutes");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ProfileHub.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("ProfileHub.sln not found above " + AppContext.BaseDirectory);
    }

    // A statement ends with a semicolon at the end of a line (how the migrations are written).
    [GeneratedRegex(@";[ \t]*\r?\n")]
    private static partial Regex StatementEnd();
}

using SQLitePCL;

namespace ProfileHub.Storage.Sqlite;

/// <summary>
/// The rows of one execution of a <see cref="PreparedStatement"/>, read in place from SQLite's
/// current row. One instance per statement, reused by every execution; disposing it resets the
/// statement, which ends the execution.
/// </summary>
internal sealed class StatementReader : IDisposable
{
    private readonly PreparedStatement _owner;
    private readonly sqlite3_stmt _statement;

    public StatementReader(PreparedStatement owner, sqlite3_stmt statement)
    {
        _owner = owner;
        _statement = statement;
    }

    public bool Read() => _owner.Step();

    public bool IsDBNull(int column) => raw.sqlite3_column_type(_statement, column) == raw.SQLITE_NULL;

    public string GetString(int column) => raw.sqlite3_column_text(_statement, column).utf8_to_string();

    public long GetInt64(int column) => raw.sqlite3_column_int64(_statement, column);

    public int GetInt32(int column) => raw.sqlite3_column_int(_statement, column);

    /// <summary>The column as the CLR value of its storage class (long, double, string, byte[] or null).</summary>
    public object? GetValue(int column) => raw.sqlite3_column_type(_statement, column) switch
    {
        raw.SQLITE_NULL => null,
        raw.SQLITE_INTEGER => raw.sqlite3_column_int64(_statement, column),
        raw.SQLITE_FLOAT => raw.sqlite3_column_double(_statement, column),
        raw.SQLITE_TEXT => GetString(column),
        _ => raw.sqlite3_column_blob(_statement, column).ToArray(),
    };

    public void Dispose() => _owner.Reset();
}

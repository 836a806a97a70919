using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ProfileHub.Storage.Sqlite;

/// <summary>
/// A statement the writer compiles once and re-executes with new parameter values, driven through
/// SQLitePCLRaw directly: values are bound by position as they are set, and an execution is one
/// step/reset pair. The ADO.NET command path re-resolved every parameter by name and built a
/// reader per execution, which cost more than SQLite itself on the small statements of ingest.
/// Every statement runs on the writer connection, so it is inside whatever transaction that
/// connection has open; a statement is always reset after use, so a commit never finds one busy.
/// </summary>
internal sealed class PreparedStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly int[] _positions;
    private readonly StatementReader _reader;

    public PreparedStatement(SqliteConnection connection, string sql, params string[] parameterNames)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("the writer connection is not open");
        Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
        _positions = new int[parameterNames.Length];
        for (var i = 0; i < parameterNames.Length; i++)
        {
            _positions[i] = raw.sqlite3_bind_parameter_index(_statement, parameterNames[i]);
            if (_positions[i] == 0)
            {
                throw new ArgumentException(string.Concat("the statement has no parameter ", parameterNames[i]), nameof(parameterNames));
            }
        }

        _reader = new StatementReader(this, _statement);
    }

    /// <summary>Binds the value of the parameter at <paramref name="index"/> (in constructor order); null binds NULL.</summary>
    public object? this[int index]
    {
        set
        {
            var position = _positions[index];
            Check(value switch
            {
                null or DBNull => raw.sqlite3_bind_null(_statement, position),
                string text => raw.sqlite3_bind_text16(_statement, position, text.AsSpan()),
                long number => raw.sqlite3_bind_int64(_statement, position, number),
                int number => raw.sqlite3_bind_int64(_statement, position, number),
                bool flag => raw.sqlite3_bind_int64(_statement, position, flag ? 1 : 0),
                double real => raw.sqlite3_bind_double(_statement, position, real),
                byte[] bytes => raw.sqlite3_bind_blob(_statement, position, bytes),
                _ => throw new ArgumentException(string.Concat("unsupported parameter type ", value.GetType().Name), nameof(value)),
            });
        }
    }

    /// <summary>Runs the statement to completion; the number of rows it changed.</summary>
    public int Execute()
    {
        try
        {
            while (Step())
            {
            }

            return raw.sqlite3_changes(_db);
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    /// <summary>The first column of the first row, or null when there is no row.</summary>
    public object? Scalar()
    {
        try
        {
            return Step() ? _reader.GetValue(0) : null;
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    /// <summary>Starts an execution whose rows are read one by one; disposing the reader resets the statement.</summary>
    public StatementReader Read() => _reader;

    public void Dispose() => _statement.Dispose();

    /// <summary>Advances to the next row; false when the statement is done.</summary>
    internal bool Step()
    {
        var rc = raw.sqlite3_step(_statement);
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }

        if (rc == raw.SQLITE_DONE)
        {
            return false;
        }

        // sqlite3_reset returns the step's error code and leaves the statement reusable.
        raw.sqlite3_reset(_statement);
        SqliteException.ThrowExceptionForRC(rc, _db);
        return false;
    }

    internal void Reset() => raw.sqlite3_reset(_statement);

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }
}

using Microsoft.Data.Sqlite;

namespace ProfileHub.Storage.Sqlite;

/// <summary>
/// A command the writer prepares once and re-executes with new parameter values: the compiled
/// SQLite statement is reused, which is most of the hot path's savings over ad-hoc commands.
/// </summary>
internal sealed class PreparedStatement : IDisposable
{
    private readonly SqliteCommand _command;
    private readonly SqliteParameter[] _parameters;

    public PreparedStatement(SqliteConnection connection, string sql, int timeoutSeconds, params string[] parameterNames)
    {
        _command = connection.CreateCommand();
#pragma warning disable CA2100 // Every statement is a constant from WriterStatements; values are bound as parameters.
        _command.CommandText = sql;
#pragma warning restore CA2100
        _command.CommandTimeout = timeoutSeconds;
        _parameters = new SqliteParameter[parameterNames.Length];
        for (var i = 0; i < parameterNames.Length; i++)
        {
            _parameters[i] = _command.Parameters.Add(new SqliteParameter(parameterNames[i], DBNull.Value));
        }
    }

    public object? this[int index]
    {
        set => _parameters[index].Value = value ?? DBNull.Value;
    }

    public void Enlist(SqliteTransaction? transaction) => _command.Transaction = transaction;

    public int Execute() => _command.ExecuteNonQuery();

    public object? Scalar() => _command.ExecuteScalar();

    public SqliteDataReader Read() => _command.ExecuteReader();

    public void Dispose() => _command.Dispose();
}

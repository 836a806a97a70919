using System.Data;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ProfileHub.Storage.Sqlite;

/// <summary>
/// Ad-hoc statements of the admin operations inside the writer's open transaction. Admin calls are
/// rare, so they trade the prepared statements of the ingest path for plain Dapper commands.
/// </summary>
internal sealed class AdminSql(IDbConnection connection, IDbTransaction? transaction, int timeoutSeconds)
{
    public IDbConnection Connection => connection;

    public IDbTransaction? Transaction => transaction;

    public static AdminSql For(WriterSession session, int timeoutSeconds) => new(session.Connection, session.Transaction, timeoutSeconds);

    public int Execute(string sql, object? parameters = null) =>
        connection.Execute(sql, parameters, transaction, timeoutSeconds);

    public List<T> Query<T>(string sql, object? parameters = null) =>
        connection.Query<T>(sql, parameters, transaction, commandTimeout: timeoutSeconds).AsList();

    public T? Scalar<T>(string sql, object? parameters = null) =>
        connection.ExecuteScalar<T>(sql, parameters, transaction, timeoutSeconds);

    /// <summary>The surviving profile id a key resolves to (aliases followed), or null.</summary>
    public string? Resolve(Core.Profiles.ProfileKey key) => key.ProfileId is { } id
        ? Scalar<string?>("SELECT p.profile_id FROM profiles p WHERE p.profile_id = coalesce((SELECT a.profile_id FROM profile_aliases a WHERE a.alias_id = @Id), @Id)", new { Id = id })
        : Scalar<string?>("SELECT profile_id FROM identifiers WHERE type = @Type AND value = @Value", new { key.Identifier!.Value.Type, key.Identifier!.Value.Value });

    /// <summary>Appends an audit entry and returns its id.</summary>
    public long Audit(long atTicks, string actor, string action, string reason, IReadOnlyList<string> profileIds) =>
        Scalar<long>(
            "INSERT INTO admin_audit (at, actor, action, reason, profile_ids_json) VALUES (@At, @Actor, @Action, @Reason, @Ids) RETURNING id",
            new { At = atTicks, Actor = actor, Action = action, Reason = reason, Ids = StoredJson.WriteStrings(profileIds) });
}

using System.Data.Common;
using ProfileHub.Core.Journey;

namespace ProfileHub.Storage.Sqlite;

/// <summary>Row readers shared by the writer and the read side.</summary>
internal static class SqliteRows
{
    /// <summary>Reads from_stage, to_stage, to_order, at, source, record_id, reason (in that column order).</summary>
    public static StageTransition Transition(DbDataReader reader) => new(
        reader.IsDBNull(0) ? null : reader.GetString(0),
        reader.GetString(1),
        reader.GetInt32(2),
        StoredTime.FromTicks(reader.GetInt64(3)),
        reader.GetString(4),
        reader.GetString(5),
        reader.GetString(6));
}

namespace ProfileHub.Storage.Sqlite;

/// <summary>Times are stored as UTC ticks: exact round trips and integer comparisons in indexes.</summary>
internal static class StoredTime
{
    public static long ToTicks(DateTimeOffset value) => value.UtcTicks;

    public static DateTimeOffset FromTicks(long ticks) => new(ticks, TimeSpan.Zero);

    public static DateTimeOffset? FromTicks(long? ticks) => ticks is { } value ? new DateTimeOffset(value, TimeSpan.Zero) : null;

    public static object ToDb(DateTimeOffset? value) => value is { } v ? v.UtcTicks : DBNull.Value;
}

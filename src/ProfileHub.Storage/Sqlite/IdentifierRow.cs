namespace ProfileHub.Storage.Sqlite;

// A Dapper target for the read side; the queries alias every column to these property names.
#pragma warning disable CA1812 // instantiated by Dapper
/// <summary>An identifiers row.</summary>
internal sealed class IdentifierRow
{
    public string Type { get; set; } = string.Empty;

    public string Value { get; set; } = string.Empty;

    public string RawValue { get; set; } = string.Empty;

    public long FirstSeen { get; set; }

    public long Shared { get; set; }
}
#pragma warning restore CA1812

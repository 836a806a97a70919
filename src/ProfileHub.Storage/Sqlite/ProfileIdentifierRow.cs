using ProfileHub.Core.Identity;

namespace ProfileHub.Storage.Sqlite;

/// <summary>An identifier of a profile as the admin operations read it.</summary>
internal sealed class ProfileIdentifierRow
{
    public string Type { get; set; } = string.Empty;

    public string Value { get; set; } = string.Empty;

    public long Shared { get; set; }

    public long FirstSeen { get; set; }

    public IdentifierKey Key => new(Type, Value);
}

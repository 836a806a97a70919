using ProfileHub.Core.Identity;

namespace ProfileHub.Storage.SqlServer;

/// <summary>One identifier row while a batch is resolved (loaded under lock, or created by the batch).</summary>
internal sealed class BatchIdentifier(IdentifierKey key, string profileId, string rawValue, long firstSeen, bool shared, bool isNew)
{
    public IdentifierKey Key { get; } = key;

    public string ProfileId { get; set; } = profileId;

    public string RawValue { get; } = rawValue;

    public long FirstSeen { get; } = firstSeen;

    public bool Shared { get; set; } = shared;

    public bool IsNew { get; } = isNew;

    /// <summary>Owner or shared flag changed: written at commit.</summary>
    public bool Dirty { get; set; }
}

using ProfileHub.Core.Journey;
using ProfileHub.Core.Profiles;

namespace ProfileHub.Storage.SqlServer;

/// <summary>
/// One profile while a batch is resolved: loaded under its app lock, changed in memory record by
/// record, and written once when the batch commits.
/// </summary>
internal sealed class BatchProfile(string profileId, long createdAt, string firstSource)
{
    public string ProfileId { get; } = profileId;

    public long CreatedAt { get; } = createdAt;

    public string FirstSource { get; } = firstSource;

    public long Version { get; set; }

    public string? Stage { get; set; }

    public int StageOrder { get; set; }

    public long? StageEnteredAt { get; set; }

    public long? FirstStageAt { get; set; }

    public bool AtRisk { get; set; }

    public long? LastActivityAt { get; set; }

    public IReadOnlyDictionary<string, TraitValue> Traits { get; set; } = new Dictionary<string, TraitValue>(StringComparer.Ordinal);

    public Dictionary<string, int> IdentifierCounts { get; } = new(StringComparer.Ordinal);

    /// <summary>The stage history as it will be stored (complete: loaded with the row).</summary>
    public List<StageTransition> Transitions { get; set; } = [];

    /// <summary>Every stage-relevant event of the profile, stored and pending.</summary>
    public List<JourneyEvent> Events { get; set; } = [];

    /// <summary>Stored transitions from this index on are replaced at commit (null: untouched).</summary>
    public int? RewriteFrom { get; set; }

    public bool IsNew { get; set; }

    public bool RowDirty { get; set; }

    public bool TraitsDirty { get; set; }

    /// <summary>The row changed during the batch and is written at commit.</summary>
    public bool Persist { get; set; }

    public void AddCount(string type, int delta)
    {
        IdentifierCounts.TryGetValue(type, out var count);
        count += delta;
        if (count <= 0)
        {
            IdentifierCounts.Remove(type);
        }
        else
        {
            IdentifierCounts[type] = count;
        }
    }

    /// <summary>Ends one record's changes: the version moves once per record that changed the row, as in SQLite.</summary>
    public void EndRecord()
    {
        if (!RowDirty && !TraitsDirty)
        {
            return;
        }

        Version++;
        Persist = true;
        RowDirty = false;
        TraitsDirty = false;
    }
}

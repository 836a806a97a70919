using ProfileHub.Core.Journey;
using ProfileHub.Core.Profiles;

namespace ProfileHub.Storage.Sqlite;

/// <summary>
/// The writer's copy of one live profile row plus what resolution and stage evaluation need. It
/// mirrors the writer connection's view (committed and uncommitted), so it is dropped whenever a
/// transaction rolls back.
/// </summary>
internal sealed class ProfileState
{
    public ProfileState(string profileId, long createdAt, string firstSource)
    {
        ProfileId = profileId;
        CreatedAt = createdAt;
        FirstSource = firstSource;
    }

    public string ProfileId { get; }

    public long CreatedAt { get; }

    public string FirstSource { get; }

    public long Version { get; set; }

    public string? Stage { get; set; }

    public int StageOrder { get; set; }

    public long? StageEnteredAt { get; set; }

    public long? FirstStageAt { get; set; }

    public bool AtRisk { get; set; }

    public long? LastActivityAt { get; set; }

    public IReadOnlyDictionary<string, TraitValue> Traits { get; set; } = new Dictionary<string, TraitValue>(StringComparer.Ordinal);

    /// <summary>Linked identifiers per type (shared devices included: they stay owned by this profile).</summary>
    public Dictionary<string, int> IdentifierCounts { get; } = new(StringComparer.Ordinal);

    /// <summary>Stored stage history, when loaded.</summary>
    public List<StageTransition>? Transitions { get; set; }

    /// <summary>The profile's stage-relevant events, when loaded.</summary>
    public List<JourneyEvent>? Events { get; set; }

    /// <summary>True while the row still has to be inserted (created in this transaction).</summary>
    public bool IsNew { get; set; }

    /// <summary>The stage column as stored (written or loaded), so an unchanged stage is not rewritten.</summary>
    public string? StoredStage { get; set; }

    /// <summary>The first_stage_at column as stored (written or loaded).</summary>
    public long? StoredFirstStageAt { get; set; }

    public bool TraitsDirty { get; set; }

    public bool RowDirty { get; set; }

    /// <summary>Stage columns changed: the (indexed) stage columns are written too.</summary>
    public bool StageDirty { get; set; }

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
}

namespace ProfileHub.Core.Changes;

/// <summary>Kinds of entries in the change feed.</summary>
public enum ChangeKind
{
    /// <summary>A profile was created.</summary>
    ProfileCreated = 1,

    /// <summary>Profiles were merged into the entry's profile.</summary>
    ProfileMerged = 2,

    /// <summary>A profile was split into several.</summary>
    ProfileSplit = 3,

    /// <summary>Identifiers were linked or unlinked.</summary>
    IdentifiersChanged = 4,

    /// <summary>Reconciled traits changed.</summary>
    TraitsChanged = 5,

    /// <summary>The journey stage changed.</summary>
    StageChanged = 6,

    /// <summary>The at-risk flag flipped.</summary>
    AtRiskChanged = 7,

    /// <summary>The profile was erased.</summary>
    ProfileForgotten = 8,
}

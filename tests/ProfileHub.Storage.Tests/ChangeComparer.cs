using ProfileHub.Core.Changes;

namespace ProfileHub.Storage.Tests;

/// <summary>Compares change entries by value (their lists are not compared by reference).</summary>
internal sealed class ChangeComparer : IEqualityComparer<ProfileChange>
{
    public bool Equals(ProfileChange? x, ProfileChange? y) =>
        x is not null && y is not null
        && x.Sequence == y.Sequence && x.Kind == y.Kind && x.ProfileId == y.ProfileId && x.At == y.At
        && x.MergedProfileIds.SequenceEqual(y.MergedProfileIds) && x.SplitProfileIds.SequenceEqual(y.SplitProfileIds)
        && x.FromStage == y.FromStage && x.ToStage == y.ToStage && x.AtRisk == y.AtRisk && x.CausedBy == y.CausedBy
        && x.TraitNames.SequenceEqual(y.TraitNames);

    public int GetHashCode(ProfileChange obj) => obj.Sequence.GetHashCode();
}

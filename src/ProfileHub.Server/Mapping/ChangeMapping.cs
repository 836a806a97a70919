using Google.Protobuf.WellKnownTypes;
using ProfileHub.Core.Changes;
using V1 = ProfileHub.Contracts.V1;

namespace ProfileHub.Server.Mapping;

/// <summary>Maps change-feed entries to proto messages.</summary>
internal static class ChangeMapping
{
    public static V1.Change ToProto(ProfileChange change)
    {
        var proto = new V1.Change
        {
            Cursor = ChangeCursor.Encode(change.Sequence),
            Type = (V1.ChangeType)(int)change.Kind,
            ProfileId = change.ProfileId,
            At = Timestamp.FromDateTimeOffset(change.At),
            FromStage = change.FromStage ?? string.Empty,
            ToStage = change.ToStage ?? string.Empty,
            AtRisk = change.AtRisk ?? false,
            CausedBy = change.CausedBy ?? string.Empty,
        };
        proto.MergedProfileIds.AddRange(change.MergedProfileIds);
        proto.SplitProfileIds.AddRange(change.SplitProfileIds);
        proto.TraitNames.AddRange(change.TraitNames);
        return proto;
    }
}

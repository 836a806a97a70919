using Google.Protobuf.WellKnownTypes;
using ProfileHub.Core.Journey;
using ProfileHub.Core.Profiles;
using V1 = ProfileHub.Contracts.V1;

namespace ProfileHub.Server.Mapping;

/// <summary>Maps Core profile views to their proto messages.</summary>
internal static class ProfileMapping
{
    public static V1.Profile ToProto(ProfileSnapshot snapshot)
    {
        var profile = new V1.Profile
        {
            ProfileId = snapshot.ProfileId,
            Stage = snapshot.Stage.Stage ?? string.Empty,
            StageOrder = snapshot.Stage.StageOrder,
            StageEnteredAt = ToTimestamp(snapshot.Stage.EnteredAt),
            AtRisk = snapshot.Stage.AtRisk,
            CreatedAt = Timestamp.FromDateTimeOffset(snapshot.CreatedAt),
            UpdatedAt = Timestamp.FromDateTimeOffset(snapshot.UpdatedAt),
            Version = snapshot.Stage.Version,
        };

        foreach (var identifier in snapshot.Identifiers)
        {
            profile.Identifiers.Add(new V1.ProfileIdentifier
            {
                Type = identifier.Key.Type,
                Value = identifier.Key.Value,
                RawValue = identifier.RawValue,
                FirstSeen = Timestamp.FromDateTimeOffset(identifier.FirstSeen),
                Shared = identifier.Shared,
            });
        }

        foreach (var (name, trait) in snapshot.Traits)
        {
            profile.Traits.Add(name, new V1.Trait
            {
                Value = trait.Value,
                Source = trait.Source,
                UpdatedAt = Timestamp.FromDateTimeOffset(trait.UpdatedAt),
            });
        }

        foreach (var transition in snapshot.StageHistory)
        {
            profile.StageHistory.Add(ToProto(transition));
        }

        profile.MergedProfileIds.AddRange(snapshot.MergedProfileIds);
        return profile;
    }

    public static V1.StageTransition ToProto(StageTransition transition) => new()
    {
        FromStage = transition.FromStage ?? string.Empty,
        ToStage = transition.ToStage,
        ToStageOrder = transition.ToOrder,
        At = Timestamp.FromDateTimeOffset(transition.At),
        Source = transition.Source,
        RecordId = transition.RecordId,
        Reason = transition.Reason,
    };

    public static V1.JourneyStageResponse ToProto(StageView view, V1.ServedFrom servedFrom) => new()
    {
        ProfileId = view.ProfileId,
        Stage = view.Stage ?? string.Empty,
        StageOrder = view.StageOrder,
        EnteredAt = ToTimestamp(view.EnteredAt),
        AtRisk = view.AtRisk,
        Version = view.Version,
        ServedFrom = servedFrom,
    };

    public static V1.StageMember ToMember(StageView view) => new()
    {
        ProfileId = view.ProfileId,
        Stage = view.Stage ?? string.Empty,
        StageOrder = view.StageOrder,
        EnteredAt = ToTimestamp(view.EnteredAt),
        AtRisk = view.AtRisk,
    };

    public static Timestamp? ToTimestamp(DateTimeOffset? value) =>
        value is { } v ? Timestamp.FromDateTimeOffset(v) : null;
}

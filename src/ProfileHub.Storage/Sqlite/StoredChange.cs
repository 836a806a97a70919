using ProfileHub.Core.Changes;

namespace ProfileHub.Storage.Sqlite;

/// <summary>
/// A change-feed row, as both stores keep it (ticks and JSON), back to a <see cref="ProfileChange"/>.
/// One place decides which slot the stored id list fills: a split's list names the profiles split off,
/// every other kind's the profiles merged in.
/// </summary>
internal static class StoredChange
{
    public static ProfileChange ToChange(
        long seq, long kind, string profileId, long atTicks, string? idsJson, string? fromStage, string? toStage, bool? atRisk, string? causedBy, string? traitNamesJson)
    {
        var changeKind = (ChangeKind)kind;
        var ids = StoredJson.ReadStrings(idsJson);
        return new ProfileChange(
            seq,
            changeKind,
            profileId,
            StoredTime.FromTicks(atTicks),
            changeKind == ChangeKind.ProfileSplit ? [] : ids,
            changeKind == ChangeKind.ProfileSplit ? ids : [],
            fromStage,
            toStage,
            atRisk,
            causedBy,
            StoredJson.ReadStrings(traitNamesJson));
    }
}

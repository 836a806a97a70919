using ProfileHub.Core.Changes;
using ProfileHub.Core.Errors;
using ProfileHub.Core.Journey;
using ProfileHub.Core.Profiles;
using ProfileHub.Storage;
using V1 = ProfileHub.Contracts.V1;

namespace ProfileHub.Server.Application;

/// <summary>Profile and stage reads: the hot stage lookups go through the cache, the rest to the store.</summary>
internal sealed class ProfileReader(IProfileStore store, ProfileCache cache)
{
    public async Task<ProfileSnapshot> GetProfileAsync(ProfileKey key, CancellationToken cancellationToken) =>
        await store.GetProfileAsync(key, cancellationToken) ?? throw NotFound(key);

    /// <summary>The finished answer for a repeated lookup held in L1, or null (see <see cref="ProfileCache.TryGetMemoryAnswer"/>).</summary>
    public Task<V1.JourneyStageResponse>? TryGetMemoryAnswer(ProfileKey key) => cache.TryGetMemoryAnswer(key);

    public Task<(StageView View, V1.ServedFrom ServedFrom)?> FindStageAsync(ProfileKey key, CancellationToken cancellationToken) =>
        cache.GetStageAsync(key, cancellationToken);

    /// <summary>The stage in force at <paramref name="asOf"/>, from the stored stage history.</summary>
    public async Task<StageView> GetStageAsOfAsync(ProfileKey key, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        var current = await store.GetStageAsync(key, cancellationToken) ?? throw NotFound(key);
        var history = await store.GetStageHistoryAsync(current.ProfileId, cancellationToken);
        var inForce = StageHistory.StageAt(history, asOf);
        return current with
        {
            Stage = inForce?.ToStage,
            StageOrder = inForce?.ToOrder ?? 0,
            EnteredAt = inForce?.At,
        };
    }

    public Task<IReadOnlyList<StageView>> ListByStageAsync(string stage, bool? atRisk, string? afterProfileId, int limit, CancellationToken cancellationToken) =>
        store.ListByStageAsync(stage, atRisk, afterProfileId, limit, cancellationToken);

    public Task<IReadOnlyList<ProfileChange>> ListChangesAsync(long afterSequence, int limit, CancellationToken cancellationToken) =>
        store.ListChangesAsync(afterSequence, limit, cancellationToken);

    // The lookup is described by kind only: identifier values are personal data.
    public static ProfileNotFoundException NotFound(ProfileKey key) =>
        new(key.ProfileId is not null ? "the given profile_id" : $"the given {key.Identifier!.Value.Type} identifier");
}

using System.Text;
using ProfileHub.Core.Changes;
using ProfileHub.Core.Ingest;
using ProfileHub.Core.Profiles;
using ProfileHub.Redis.Caching;
using ProfileHub.Storage;
using V1 = ProfileHub.Contracts.V1;

namespace ProfileHub.Server.Application;

/// <summary>
/// The profile-specific use of the two-level cache for the hot stage lookups.
/// <para>
/// Two kinds of entries: <c>ref:</c> maps a lookup (identifier or profile id) to the profile id it
/// resolved to, and <c>stage:</c> holds the stage view of a surviving profile. A <c>stage:</c>
/// entry is only ever written for a profile that was not merged away when it was read, and every
/// commit drops the <c>stage:</c> entries of the profiles it touched (survivors and absorbed ids)
/// and the <c>ref:</c> entries of every identifier the committed records carried. A <c>ref:</c>
/// entry that still names an absorbed profile is therefore detected on use (its stage read reports
/// another survivor) and repaired, so merges never serve a stale stage.
/// </para>
/// </summary>
internal sealed class ProfileCache(TwoLevelCache cache, IProfileStore store)
{
    private const string RefPrefix = "ref:";
    private const string StagePrefix = "stage:";

    public bool UsesRedis => cache.UsesRedis;

    public RedisCircuitState CircuitState => cache.CircuitState;

    /// <summary>Lets an idle replica notice Redis coming back; true when Redis is usable.</summary>
    public Task<bool> ProbeRedisAsync(CancellationToken cancellationToken) => cache.ProbeRedisAsync(cancellationToken);

    public async Task<(StageView View, V1.ServedFrom ServedFrom)?> GetStageAsync(ProfileKey key, CancellationToken cancellationToken)
    {
        var refKey = RefKey(key);
        var resolved = await cache.GetOrLoadAsync(refKey, async ct =>
            await store.ResolveProfileIdAsync(key, ct) is { } id ? new CacheLoadResult(Encoding.UTF8.GetBytes(id)) : null, cancellationToken);
        if (!resolved.Found)
        {
            return null;
        }

        var profileId = Encoding.UTF8.GetString(resolved.Value.Span);
        var stage = await cache.GetOrLoadAsync(StagePrefix + profileId, async ct =>
            await store.GetStageAsync(ProfileKey.ById(profileId), ct) is { } view && view.ProfileId == profileId
                ? new CacheLoadResult(StageViewCodec.Encode(view))
                : null, cancellationToken);

        if (stage.Found && StageViewCodec.Decode(stage.Value.Span) is { } cached)
        {
            return (cached, Worst(resolved.Layer, stage.Layer));
        }

        // The cached ref named a profile that has since been merged away (or erased): forget the
        // ref and answer from the store, which follows aliases.
        await cache.InvalidateAsync([refKey], cancellationToken);
        return await store.GetStageAsync(key, cancellationToken) is { } fresh ? (fresh, V1.ServedFrom.Store) : null;
    }

    /// <summary>Drops every entry the committed records can have made stale.</summary>
    public Task InvalidateAfterIngestAsync(IReadOnlyList<NormalizedRecord> records, IReadOnlyList<IngestResult> results, CancellationToken cancellationToken)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < results.Count; i++)
        {
            var result = results[i];
            if (result.Outcome is IngestOutcome.Duplicate or IngestOutcome.Rejected or IngestOutcome.Suppressed || result.ProfileId is null)
            {
                continue;
            }

            keys.Add(StagePrefix + result.ProfileId);
            foreach (var absorbed in result.MergedProfileIds)
            {
                keys.Add(StagePrefix + absorbed);
                keys.Add(RefKey(ProfileKey.ById(absorbed)));
            }

            // A shared device's "last stitched" pointer can move to another person without a merge.
            foreach (var identifier in records[i].Identifiers)
            {
                keys.Add(RefKey(ProfileKey.ByIdentifier(identifier.Key)));
            }
        }

        return keys.Count == 0 ? Task.CompletedTask : cache.InvalidateAsync(keys, cancellationToken);
    }

    /// <summary>Drops the stage views of the profiles named by committed changes (e.g. at-risk flips).</summary>
    public Task InvalidateProfilesAsync(IEnumerable<ProfileChange> changes, CancellationToken cancellationToken)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var change in changes)
        {
            keys.Add(StagePrefix + change.ProfileId);
        }

        return keys.Count == 0 ? Task.CompletedTask : cache.InvalidateAsync(keys, cancellationToken);
    }

    /// <summary>
    /// Drops the entries an admin operation made stale: the stage and ref entries of every profile
    /// id involved (survivors, absorbed, split-off and erased ids) and the ref of every identifier.
    /// </summary>
    public Task InvalidateAdminChangeAsync(IEnumerable<string> profileIds, IEnumerable<Core.Identity.IdentifierKey> identifiers, CancellationToken cancellationToken)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in profileIds)
        {
            keys.Add(StagePrefix + id);
            keys.Add(RefKey(ProfileKey.ById(id)));
        }

        foreach (var identifier in identifiers)
        {
            keys.Add(RefKey(ProfileKey.ByIdentifier(identifier)));
        }

        return keys.Count == 0 ? Task.CompletedTask : cache.InvalidateAsync(keys, cancellationToken);
    }

    // Identifier values are personal data: cache keys (which Redis keeps, and keeps as generation
    // counters for a while after every invalidation, even after an erasure) carry a digest instead.
    private static string RefKey(ProfileKey key) => key.ProfileId is { } id
        ? string.Concat(RefPrefix, "p:", id)
        : string.Concat(RefPrefix, "i:", key.Identifier!.Value.Type, ":", IdentifierDigest(key.Identifier.Value));

    private static string IdentifierDigest(Core.Identity.IdentifierKey identifier) =>
        Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(identifier.ToString())));

    private static V1.ServedFrom Worst(CacheLayer a, CacheLayer b) => (V1.ServedFrom)Math.Max((int)ToServedFrom(a), (int)ToServedFrom(b));

    private static V1.ServedFrom ToServedFrom(CacheLayer layer) => layer switch
    {
        CacheLayer.Memory => V1.ServedFrom.Memory,
        CacheLayer.Redis => V1.ServedFrom.Redis,
        _ => V1.ServedFrom.Store,
    };
}

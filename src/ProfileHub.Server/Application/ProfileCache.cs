using System.Runtime.InteropServices;
using System.Text;
using ProfileHub.Core.Changes;
using ProfileHub.Core.Ingest;
using ProfileHub.Core.Profiles;
using ProfileHub.Redis.Caching;
using ProfileHub.Server.Mapping;
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
/// <para>
/// In L1 a ref entry also carries the finished answer built from it and its stage entry
/// (<see cref="MemoryStageAnswer"/>), so a repeated lookup costs two L1 reads; the answer is only
/// served while both entries are the ones it was built from, so it is invalidated exactly with them.
/// </para>
/// </summary>
internal sealed class ProfileCache(TwoLevelCache cache, IProfileStore store)
{
    public bool UsesRedis => cache.UsesRedis;

    public RedisCircuitState CircuitState => cache.CircuitState;

    /// <summary>Lets an idle replica notice Redis coming back; true when Redis is usable.</summary>
    public Task<bool> ProbeRedisAsync(CancellationToken cancellationToken) => cache.ProbeRedisAsync(cancellationToken);

    /// <summary>
    /// The finished answer for <paramref name="key"/> when L1 holds both entries behind it: the
    /// lookup's ref entry, carrying a <see cref="MemoryStageAnswer"/>, and the very stage entry that
    /// answer was built from. Null otherwise (the caller then takes <see cref="GetStageAsync"/>, which
    /// attaches a new answer). Reads two L1 entries and nothing else; allocates nothing.
    /// </summary>
    public Task<V1.JourneyStageResponse>? TryGetMemoryAnswer(ProfileKey key)
    {
        var memory = cache.Memory;
        if (!memory.IsEnabled)
        {
            return null;
        }

        // Sized to the key (a stackalloc is zeroed on every call); unusually long keys take the slow path.
        var refLength = ProfileCacheKeys.RefLength(key);
        if (refLength > ProfileCacheKeys.StackKeyChars)
        {
            return null;
        }

        Span<char> refKey = stackalloc char[refLength];
        if (!ProfileCacheKeys.TryFormatRef(key, refKey, out var length)
            || !memory.TryGet(refKey[..length], out _, out var attachment)
            || attachment is not MemoryStageAnswer answer
            || !memory.TryGet(answer.StageKey, out var stageValue)
            || !ReferenceEquals(stageValue, answer.StageValue))
        {
            return null;
        }

        cache.RecordMemoryHits(2);
        return answer.Response;
    }

    public async Task<(StageView View, V1.ServedFrom ServedFrom)?> GetStageAsync(ProfileKey key, CancellationToken cancellationToken)
    {
        var refKey = ProfileCacheKeys.Ref(key);
        var resolved = await cache.GetOrLoadAsync(refKey, (Store: store, Key: key), static async (source, ct) =>
            await source.Store.ResolveProfileIdAsync(source.Key, ct) is { } id ? new CacheLoadResult(Encoding.UTF8.GetBytes(id)) : null, cancellationToken);
        if (!resolved.Found)
        {
            return null;
        }

        var profileId = Encoding.UTF8.GetString(resolved.Value.Span);
        var stageKey = ProfileCacheKeys.Stage(profileId);
        var stage = await cache.GetOrLoadAsync(stageKey, (Store: store, ProfileId: profileId), static async (source, ct) =>
            await source.Store.GetStageAsync(ProfileKey.ById(source.ProfileId), ct) is { } view && view.ProfileId == source.ProfileId
                ? new CacheLoadResult(StageViewCodec.Encode(view))
                : null, cancellationToken);

        if (stage.Found && StageViewCodec.Decode(stage.Value.Span) is { } cached)
        {
            AttachMemoryAnswer(refKey, resolved.Value, stageKey, stage.Value, cached);
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

            keys.Add(ProfileCacheKeys.Stage(result.ProfileId));
            foreach (var absorbed in result.MergedProfileIds)
            {
                keys.Add(ProfileCacheKeys.Stage(absorbed));
                keys.Add(ProfileCacheKeys.Ref(ProfileKey.ById(absorbed)));
            }

            // A shared device's "last stitched" pointer can move to another person without a merge.
            foreach (var identifier in records[i].Identifiers)
            {
                keys.Add(ProfileCacheKeys.Ref(ProfileKey.ByIdentifier(identifier.Key)));
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
            keys.Add(ProfileCacheKeys.Stage(change.ProfileId));
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
            keys.Add(ProfileCacheKeys.Stage(id));
            keys.Add(ProfileCacheKeys.Ref(ProfileKey.ById(id)));
        }

        foreach (var identifier in identifiers)
        {
            keys.Add(ProfileCacheKeys.Ref(ProfileKey.ByIdentifier(identifier)));
        }

        return keys.Count == 0 ? Task.CompletedTask : cache.InvalidateAsync(keys, cancellationToken);
    }

    // Only when both values are the arrays L1 holds (loaded, read from Redis or found in L1): the
    // answer is then tied to exactly those entries.
    private void AttachMemoryAnswer(string refKey, ReadOnlyMemory<byte> refValue, string stageKey, ReadOnlyMemory<byte> stageValue, StageView view)
    {
        if (cache.Memory.IsEnabled
            && MemoryMarshal.TryGetArray(refValue, out var refBytes) && refBytes.Array is { } refArray && refBytes.Count == refArray.Length
            && MemoryMarshal.TryGetArray(stageValue, out var stageBytes) && stageBytes.Array is { } stageArray && stageBytes.Count == stageArray.Length)
        {
            var answer = new MemoryStageAnswer(stageKey, stageArray, Task.FromResult(ProfileMapping.ToProto(view, V1.ServedFrom.Memory)));
            cache.Memory.TryAttach(refKey, refArray, answer, AnswerBytes(stageKey, view));
        }
    }

    // The answer's objects (record, task, response, timestamp: about 256 bytes with headers) and its strings.
    private static long AnswerBytes(string stageKey, StageView view) =>
        256 + (2L * (stageKey.Length + view.ProfileId.Length + (view.Stage?.Length ?? 0)));

    private static V1.ServedFrom Worst(CacheLayer a, CacheLayer b) => (V1.ServedFrom)Math.Max((int)ToServedFrom(a), (int)ToServedFrom(b));

    private static V1.ServedFrom ToServedFrom(CacheLayer layer) => layer switch
    {
        CacheLayer.Memory => V1.ServedFrom.Memory,
        CacheLayer.Redis => V1.ServedFrom.Redis,
        _ => V1.ServedFrom.Store,
    };
}

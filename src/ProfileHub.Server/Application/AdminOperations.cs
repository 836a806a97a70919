using ProfileHub.Core.Admin;
using ProfileHub.Core.Identity;
using ProfileHub.Core.Profiles;
using ProfileHub.Storage;

namespace ProfileHub.Server.Application;

/// <summary>
/// Runs one admin operation on the store and, before the caller gets an answer, drops every cache
/// entry it made stale (every profile id and identifier involved), so no replica serves a merged,
/// split or erased profile from cache.
/// </summary>
internal sealed class AdminOperations(IProfileAdministration store, ProfileCache cache)
{
    public Task<ExplainReport> ExplainAsync(ProfileKey key, CancellationToken cancellationToken) =>
        store.ExplainAsync(key, cancellationToken);

    public Task<EvidencePath> ExplainPathAsync(ProfileKey key, IdentifierKey from, IdentifierKey to, CancellationToken cancellationToken) =>
        store.ExplainPathAsync(key, from, to, cancellationToken);

    public async Task<MergeResult> MergeAsync(ProfileKey target, ProfileKey source, bool force, string actor, string reason, CancellationToken cancellationToken)
    {
        var result = await store.MergeAsync(target, source, force, actor, reason, cancellationToken);
        await cache.InvalidateAdminChangeAsync([result.ProfileId, .. result.MergedProfileIds], result.AffectedIdentifiers, CancellationToken.None);
        return result;
    }

    public async Task<SplitResult> SplitAsync(ProfileKey key, SplitEvidence evidence, string actor, string reason, CancellationToken cancellationToken)
    {
        var result = await store.SplitAsync(key, evidence, actor, reason, cancellationToken);
        await cache.InvalidateAdminChangeAsync([result.ProfileId, .. result.NewProfileIds], result.AffectedIdentifiers, CancellationToken.None);
        return result;
    }

    public async Task<ForgetResult> ForgetAsync(ProfileKey key, string actor, string reason, CancellationToken cancellationToken)
    {
        var result = await store.ForgetAsync(key, actor, reason, cancellationToken);
        await cache.InvalidateAdminChangeAsync([result.ProfileId, .. result.AliasIds], result.ErasedIdentifiers, CancellationToken.None);
        return result;
    }
}

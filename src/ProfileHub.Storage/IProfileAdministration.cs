using ProfileHub.Core.Admin;
using ProfileHub.Core.Identity;
using ProfileHub.Core.Profiles;

namespace ProfileHub.Storage;

/// <summary>
/// Operator tools over the store: explain links, merge and split by hand, erase a person, and the
/// audit log of all of it. Every mutating call is one transaction, writes change-feed entries and an
/// audit entry, and keeps the history needed to explain it later. Unknown profiles throw
/// <see cref="Core.Errors.ProfileNotFoundException"/>.
/// </summary>
public interface IProfileAdministration
{
    /// <summary>Every identifier of the profile with the evidence edges that link it.</summary>
    Task<ExplainReport> ExplainAsync(ProfileKey key, CancellationToken cancellationToken);

    /// <summary>
    /// The shortest chain of evidence (records as hyperedges) connecting <paramref name="from"/> and
    /// <paramref name="to"/> within the profile, or not connected.
    /// </summary>
    Task<EvidencePath> ExplainPathAsync(ProfileKey key, IdentifierKey from, IdentifierKey to, CancellationToken cancellationToken);

    /// <summary>
    /// Merges <paramref name="source"/> into <paramref name="target"/> (the oldest survives).
    /// Throws <see cref="Core.Errors.IdentifierLimitException"/> when the union breaks a type limit,
    /// unless <paramref name="force"/>.
    /// </summary>
    Task<MergeResult> MergeAsync(ProfileKey target, ProfileKey source, bool force, string actor, string reason, CancellationToken cancellationToken);

    /// <summary>
    /// Removes <paramref name="evidence"/> from the profile and re-partitions it into connected
    /// components; the component holding the oldest evidence keeps the id.
    /// </summary>
    Task<SplitResult> SplitAsync(ProfileKey key, SplitEvidence evidence, string actor, string reason, CancellationToken cancellationToken);

    /// <summary>
    /// Erases the person: identifiers, records, traits, edges, transitions and aliases are deleted,
    /// salted identifier hashes go on the suppression list so later records carrying them are SUPPRESSED.
    /// </summary>
    Task<ForgetResult> ForgetAsync(ProfileKey key, string actor, string reason, CancellationToken cancellationToken);

    /// <summary>Audit entries with an id greater than <paramref name="afterId"/>, oldest first.</summary>
    Task<IReadOnlyList<AuditEntry>> ListAuditAsync(long afterId, int limit, CancellationToken cancellationToken);

    /// <summary>Identifiers quarantined from linking because they linked too many profiles too fast.</summary>
    Task<IReadOnlyList<QuarantinedIdentifier>> ListQuarantinedAsync(CancellationToken cancellationToken);
}

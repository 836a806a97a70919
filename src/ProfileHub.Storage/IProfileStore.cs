using ProfileHub.Core.Changes;
using ProfileHub.Core.Ingest;
using ProfileHub.Core.Journey;
using ProfileHub.Core.Profiles;

namespace ProfileHub.Storage;

/// <summary>
/// The source of truth for profiles, identities, events, stage history and the change feed.
/// Implementations decide with the Core resolver and stage evaluator inside their transactions and
/// acknowledge only what is durably committed.
/// </summary>
public interface IProfileStore
{
    /// <summary>
    /// True once the store refuses every write until the process restarts (a write could not be
    /// made durable); writes then fail with <see cref="StoreWritesRefusedException"/>. Reads keep working.
    /// </summary>
    bool RefusesWrites { get; }

    /// <summary>
    /// Resolves and commits a batch of validated records; returns one result per record, in order.
    /// Returns only after the batch is durably committed. Replays of (source, record_id) are DUPLICATE.
    /// </summary>
    Task<IReadOnlyList<IngestResult>> IngestAsync(IReadOnlyList<NormalizedRecord> records, CancellationToken cancellationToken);

    /// <summary>The whole profile, or null when nothing matches.</summary>
    Task<ProfileSnapshot?> GetProfileAsync(ProfileKey key, CancellationToken cancellationToken);

    /// <summary>The current stage of a profile, or null when nothing matches. A single indexed read.</summary>
    Task<StageView?> GetStageAsync(ProfileKey key, CancellationToken cancellationToken);

    /// <summary>Resolves a key to the surviving profile id, or null.</summary>
    Task<string?> ResolveProfileIdAsync(ProfileKey key, CancellationToken cancellationToken);

    /// <summary>The stage transitions of a profile, oldest first (for <c>as_of</c> lookups).</summary>
    Task<IReadOnlyList<StageTransition>> GetStageHistoryAsync(string profileId, CancellationToken cancellationToken);

    /// <summary>Profiles currently in <paramref name="stage"/>, ordered by profile id, after <paramref name="afterProfileId"/>.</summary>
    Task<IReadOnlyList<StageView>> ListByStageAsync(string stage, bool? atRisk, string? afterProfileId, int limit, CancellationToken cancellationToken);

    /// <summary>Changes with a sequence greater than <paramref name="afterSequence"/>, in commit order.</summary>
    Task<IReadOnlyList<ProfileChange>> ListChangesAsync(long afterSequence, int limit, CancellationToken cancellationToken);

    /// <summary>The sequence of the newest committed change (0 when none).</summary>
    Task<long> GetLastChangeSequenceAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Per profile, the stage transitions (for the funnel) of profiles whose first stage was entered
    /// in [from, to) and, when <paramref name="source"/> is set, that have a record from that source.
    /// </summary>
    Task<IReadOnlyList<IReadOnlyList<StageTransition>>> GetStageTimelinesAsync(DateTimeOffset? from, DateTimeOffset? to, string? source, CancellationToken cancellationToken);

    /// <summary>
    /// Recomputes the at-risk flag of profiles at or past onboarding against <paramref name="now"/>;
    /// records each flip as a change. Returns the number of flips.
    /// </summary>
    Task<int> SweepAtRiskAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Profiles per stage, shared identifiers and limit conflicts, for metrics.</summary>
    Task<StoreStatistics> GetStatisticsAsync(CancellationToken cancellationToken);
}

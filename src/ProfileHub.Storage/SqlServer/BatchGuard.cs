using ProfileHub.Core.Admin;
using ProfileHub.Core.Identity;
using ProfileHub.Core.Ingest;
using ProfileHub.Storage.Sqlite;

namespace ProfileHub.Storage.SqlServer;

/// <summary>
/// Suppression and hot-identifier quarantine for one batch, as the SQLite store's ingest guard does
/// them: the suppressed keys and recent links of the batch's identifiers are loaded up front (under
/// the batch's locks), changed in memory and written with the batch.
/// </summary>
internal sealed class BatchGuard(IReadOnlySet<IdentifierKey> suppressed, HotIdentifierRule rule, Dictionary<IdentifierKey, Dictionary<string, long>> links)
{
    /// <summary>Identifiers whose recent links changed: their identifier_links rows are rewritten.</summary>
    public HashSet<IdentifierKey> ChangedLinks { get; } = [];

    /// <summary>Identifiers quarantined by this batch, with when and how many profiles they linked.</summary>
    public Dictionary<IdentifierKey, (long At, int LinkedProfiles)> Quarantined { get; } = [];

    public IReadOnlyDictionary<IdentifierKey, Dictionary<string, long>> Links => links;

    public bool IsSuppressed(NormalizedRecord record)
    {
        if (suppressed.Count == 0)
        {
            return false;
        }

        foreach (var identifier in record.Identifiers)
        {
            if (suppressed.Contains(identifier.Key))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Records the links the decision makes through already-linked identifiers; quarantines the hot ones (marks them shared).</summary>
    public void ObserveLinks(IdentityNeighborhood neighborhood, ResolutionDecision decision, long nowTicks, IReadOnlyDictionary<IdentifierKey, BatchIdentifier> identifiers)
    {
        if (!rule.Enabled)
        {
            return;
        }

        foreach (var linked in neighborhood.Linked.Values)
        {
            if (linked.Shared || string.Equals(linked.ProfileId, decision.ProfileId, StringComparison.Ordinal) || decision.NewlyShared.Contains(linked.Key))
            {
                continue;
            }

            Observe(linked.Key, decision.ProfileId, nowTicks, identifiers);
        }
    }

    private void Observe(IdentifierKey key, string profileId, long nowTicks, IReadOnlyDictionary<IdentifierKey, BatchIdentifier> identifiers)
    {
        var now = StoredTime.FromTicks(nowTicks);
        var windowStart = StoredTime.ToTicks(rule.WindowStart(now));
        if (!links.TryGetValue(key, out var recent))
        {
            recent = new Dictionary<string, long>(StringComparer.Ordinal);
            links[key] = recent;
        }

        recent[profileId] = nowTicks;
        foreach (var stale in recent.Where(l => l.Value <= windowStart).Select(l => l.Key).ToList())
        {
            recent.Remove(stale);
        }

        ChangedLinks.Add(key);
        if (!rule.IsHot(recent.Select(l => (l.Key, StoredTime.FromTicks(l.Value))), now))
        {
            return;
        }

        if (identifiers.TryGetValue(key, out var identifier))
        {
            identifier.Shared = true;
            identifier.Dirty = true;
        }

        Quarantined[key] = (nowTicks, recent.Count);
        recent.Clear();
    }
}

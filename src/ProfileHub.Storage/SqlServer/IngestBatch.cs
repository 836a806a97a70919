using System.Text;
using ProfileHub.Core.Changes;
using ProfileHub.Core.Identity;
using ProfileHub.Core.Ingest;
using ProfileHub.Core.Journey;
using ProfileHub.Storage.Sqlite;

namespace ProfileHub.Storage.SqlServer;

/// <summary>
/// Resolves a batch of records in memory against the part of the graph loaded (and locked) for it,
/// applying each record exactly as the SQLite store's per-record algorithm does, and collects the
/// resulting writes for one set-based flush.
/// </summary>
internal sealed class IngestBatch
{
    private const string MergeRule = "co-observed";

    private readonly IIngestRules _rules;
    private readonly long _nowTicks;
    private readonly Dictionary<IdentifierKey, BatchIdentifier> _identifiers;
    private readonly Dictionary<IdentifierKey, HashSet<string>> _people;
    private readonly Dictionary<string, BatchProfile> _profiles;
    private readonly Dictionary<(string Source, string RecordId), string> _recordOwners;
    private readonly Dictionary<string, string> _absorbedInto = new(StringComparer.Ordinal);
    private readonly List<BatchProfile> _touched = [];

    public IngestBatch(
        IIngestRules rules,
        BatchGuard guard,
        long nowTicks,
        Dictionary<IdentifierKey, BatchIdentifier> identifiers,
        Dictionary<IdentifierKey, HashSet<string>> people,
        Dictionary<string, BatchProfile> profiles,
        Dictionary<(string Source, string RecordId), string> existingRecords)
    {
        _rules = rules;
        Guard = guard;
        _nowTicks = nowTicks;
        _identifiers = identifiers;
        _people = people;
        _profiles = profiles;
        _recordOwners = existingRecords;
    }

    public long NowTicks => _nowTicks;

    public BatchGuard Guard { get; }

    public int LimitConflicts { get; private set; }

    public List<(string Source, int Conflicts)> ConflictsBySource { get; } = [];

    public List<PendingRecord> Records { get; } = [];

    public List<PendingChange> Changes { get; } = [];

    public List<PendingMerge> Merges { get; } = [];

    /// <summary>(type, value, person) rows to add to identifier_people.</summary>
    public List<(IdentifierKey Key, string Person)> PeopleAdded { get; } = [];

    public IEnumerable<BatchIdentifier> Identifiers => _identifiers.Values;

    /// <summary>Profiles alive at the end of the batch.</summary>
    public IEnumerable<BatchProfile> Profiles => _profiles.Values;

    /// <summary>Every absorbed profile id (of this batch) and the profile it ends up in.</summary>
    public IEnumerable<KeyValuePair<string, string>> Moves => _absorbedInto.Keys.Select(id => KeyValuePair.Create(id, Resolve(id)));

    /// <summary>The surviving profile of <paramref name="profileId"/> after this batch's merges so far.</summary>
    public string Resolve(string profileId)
    {
        while (_absorbedInto.TryGetValue(profileId, out var next))
        {
            profileId = next;
        }

        return profileId;
    }

    public IngestResult Apply(NormalizedRecord record)
    {
        if (_recordOwners.TryGetValue((record.Source, record.RecordId), out var existing))
        {
            return new IngestResult(IngestOutcome.Duplicate, Resolve(existing), [], null);
        }

        if (Guard.IsSuppressed(record))
        {
            return new IngestResult(IngestOutcome.Suppressed, null, [], "the record carries an identifier of an erased person");
        }

        var neighborhood = Neighborhood(record);
        var decision = _rules.Resolve(record, neighborhood);
        Guard.ObserveLinks(neighborhood, decision, _nowTicks, _identifiers);
        var causedBy = string.Concat(record.Source, "/", record.RecordId);
        var profileId = decision.ProfileId;
        var occurredTicks = StoredTime.ToTicks(record.OccurredAt);
        _touched.Clear();

        BatchProfile target;
        var created = decision.Outcome == IngestOutcome.Created;
        if (created)
        {
            target = new BatchProfile(profileId, occurredTicks, record.Source) { IsNew = true, RowDirty = true };
            _profiles[profileId] = target;
        }
        else
        {
            target = _profiles.GetValueOrDefault(profileId)
                ?? throw new InvalidOperationException("the resolver chose a profile that was not loaded for the batch");
        }

        _touched.Add(target);
        var merged = false;
        foreach (var absorbedId in decision.AbsorbedProfileIds)
        {
            Merge(target, absorbedId, record);
            merged = true;
        }

        var identifiersChanged = merged | ApplyIdentifiers(decision, neighborhood, target, occurredTicks, causedBy);

        var relevant = record.Event is { } eventName && _rules.IsStageRelevant(eventName);
        Records.Add(new PendingRecord(record, profileId, relevant));
        _recordOwners[(record.Source, record.RecordId)] = profileId;
        if (record.Event is not null)
        {
            target.LastActivityAt = Max(target.LastActivityAt, occurredTicks);
            target.RowDirty = true;
        }

        if (created)
        {
            Changes.Add(new PendingChange(ChangeKind.ProfileCreated, profileId, _nowTicks, causedBy));
        }
        else if (merged)
        {
            Changes.Add(new PendingChange(ChangeKind.ProfileMerged, profileId, _nowTicks, causedBy, Ids: decision.AbsorbedProfileIds));
        }

        if (identifiersChanged && !created)
        {
            Changes.Add(new PendingChange(ChangeKind.IdentifiersChanged, profileId, _nowTicks, causedBy));
        }

        ApplyTraits(record, target, causedBy);
        if (relevant)
        {
            target.Events.Add(new JourneyEvent(record.Source, record.RecordId, record.Event!, record.OccurredAt, record.Properties));
        }

        if (relevant || merged)
        {
            ApplyStage(target, causedBy);
        }

        if (target.AtRisk && (record.Event is not null || merged)
            && !_rules.IsAtRisk(target.StageOrder, StoredTime.FromTicks(target.LastActivityAt), StoredTime.FromTicks(_nowTicks)))
        {
            target.AtRisk = false;
            target.RowDirty = true;
            Changes.Add(new PendingChange(ChangeKind.AtRiskChanged, profileId, _nowTicks, causedBy, AtRisk: false));
        }

        foreach (var state in _touched)
        {
            state.EndRecord();
        }

        if (decision.LimitConflicts > 0)
        {
            LimitConflicts += decision.LimitConflicts;
            ConflictsBySource.Add((record.Source, decision.LimitConflicts));
        }

        return new IngestResult(decision.Outcome, profileId, decision.AbsorbedProfileIds, Describe(record, decision));
    }

    private IdentityNeighborhood Neighborhood(NormalizedRecord record)
    {
        var linked = new Dictionary<IdentifierKey, LinkedIdentifier>();
        var profiles = new Dictionary<string, ProfileIdentity>(StringComparer.Ordinal);
        foreach (var observed in record.Identifiers)
        {
            if (linked.ContainsKey(observed.Key) || !_identifiers.TryGetValue(observed.Key, out var identifier))
            {
                continue;
            }

            IReadOnlySet<string> people = _people.TryGetValue(observed.Key, out var seen)
                ? new HashSet<string>(seen, StringComparer.Ordinal)
                : new HashSet<string>(StringComparer.Ordinal);
            linked[observed.Key] = new LinkedIdentifier(observed.Key, identifier.ProfileId, identifier.Shared, people);
            if (!profiles.ContainsKey(identifier.ProfileId))
            {
                var state = _profiles.GetValueOrDefault(identifier.ProfileId)
                    ?? throw new InvalidOperationException("an identifier points at a profile that was not loaded for the batch");
                profiles[state.ProfileId] = new ProfileIdentity(state.ProfileId, StoredTime.FromTicks(state.CreatedAt), state.IdentifierCounts);
            }
        }

        return new IdentityNeighborhood(linked, profiles);
    }

    private void Merge(BatchProfile survivor, string absorbedId, NormalizedRecord record)
    {
        var absorbed = _profiles.GetValueOrDefault(absorbedId)
            ?? throw new InvalidOperationException("the resolver merged a profile that was not loaded for the batch");

        // The database rows of the absorbed profile move at commit (through Moves); the batch's own
        // copies move now so later records of the batch see the merged graph.
        foreach (var identifier in _identifiers.Values)
        {
            if (identifier.ProfileId == absorbedId)
            {
                identifier.ProfileId = survivor.ProfileId;
            }
        }

        foreach (var people in _people.Values)
        {
            if (people.Remove(absorbedId))
            {
                people.Add(survivor.ProfileId);
            }
        }

        _absorbedInto[absorbedId] = survivor.ProfileId;
        Merges.Add(new PendingMerge(absorbedId, survivor.ProfileId, record.Source, record.RecordId, MergeRule, _nowTicks));

        foreach (var (type, count) in absorbed.IdentifierCounts)
        {
            survivor.AddCount(type, count);
        }

        if (absorbed.Traits.Count > 0)
        {
            survivor.Traits = _rules.MergeTraits(survivor.Traits, absorbed.Traits);
            survivor.TraitsDirty = true;
        }

        survivor.LastActivityAt = Max(survivor.LastActivityAt, absorbed.LastActivityAt);
        survivor.Events.AddRange(absorbed.Events);
        survivor.RowDirty = true;
        _profiles.Remove(absorbedId);
        _touched.Remove(absorbed);
    }

    private bool ApplyIdentifiers(ResolutionDecision decision, IdentityNeighborhood neighborhood, BatchProfile target, long occurredTicks, string causedBy)
    {
        var changed = false;
        foreach (var identifier in decision.NewIdentifiers)
        {
            _identifiers[identifier.Key] = new BatchIdentifier(identifier.Key, target.ProfileId, identifier.RawValue, occurredTicks, shared: false, isNew: true);
            target.AddCount(identifier.Key.Type, 1);
            changed = true;
        }

        foreach (var key in decision.NewlyShared)
        {
            if (_identifiers.TryGetValue(key, out var identifier))
            {
                identifier.Shared = true;
                identifier.Dirty = true;
            }

            var owner = OwnerAfterMerge(key, neighborhood, decision) ?? target.ProfileId;
            if (owner == target.ProfileId)
            {
                changed = true;
            }
            else
            {
                Touch(owner, causedBy);
            }
        }

        foreach (var (key, person) in decision.PeopleSeen)
        {
            var mapped = decision.AbsorbedProfileIds.Contains(person) ? decision.ProfileId : person;
            PeopleAdded.Add((key, mapped));
            if (!_people.TryGetValue(key, out var people))
            {
                people = new HashSet<string>(StringComparer.Ordinal);
                _people[key] = people;
            }

            people.Add(mapped);
        }

        foreach (var key in decision.Restitched)
        {
            var owner = OwnerAfterMerge(key, neighborhood, decision);
            if (owner is null || owner == target.ProfileId)
            {
                continue;
            }

            if (_identifiers.TryGetValue(key, out var identifier))
            {
                identifier.ProfileId = target.ProfileId;
                identifier.Dirty = true;
            }

            target.AddCount(key.Type, 1);
            Touch(owner, causedBy)?.AddCount(key.Type, -1);
            changed = true;
        }

        return changed;
    }

    private BatchProfile? Touch(string profileId, string causedBy)
    {
        var state = _profiles.GetValueOrDefault(profileId);
        if (state is null)
        {
            return null;
        }

        if (!_touched.Contains(state))
        {
            _touched.Add(state);
            state.RowDirty = true;
            Changes.Add(new PendingChange(ChangeKind.IdentifiersChanged, profileId, _nowTicks, causedBy));
        }

        return state;
    }

    private static string? OwnerAfterMerge(IdentifierKey key, IdentityNeighborhood neighborhood, ResolutionDecision decision)
    {
        if (!neighborhood.Linked.TryGetValue(key, out var linked))
        {
            return null;
        }

        return decision.AbsorbedProfileIds.Contains(linked.ProfileId) ? decision.ProfileId : linked.ProfileId;
    }

    private void ApplyTraits(NormalizedRecord record, BatchProfile target, string causedBy)
    {
        if (record.Traits.Count == 0)
        {
            return;
        }

        var (traits, changed) = _rules.ApplyTraits(target.Traits, record);
        if (changed.Count == 0)
        {
            return;
        }

        target.Traits = traits;
        target.TraitsDirty = true;
        Changes.Add(new PendingChange(ChangeKind.TraitsChanged, target.ProfileId, _nowTicks, causedBy, TraitNames: changed));
    }

    private void ApplyStage(BatchProfile target, string causedBy)
    {
        var evaluation = _rules.EvaluateStage(target.Events);
        var stored = target.Transitions;
        var common = 0;
        while (common < stored.Count && common < evaluation.Transitions.Count && stored[common] == evaluation.Transitions[common])
        {
            common++;
        }

        if (common < stored.Count || common < evaluation.Transitions.Count)
        {
            target.RewriteFrom = Math.Min(target.RewriteFrom ?? common, common);
            target.Transitions = [.. evaluation.Transitions];
            target.FirstStageAt = evaluation.Transitions.Count > 0 ? StoredTime.ToTicks(evaluation.Transitions[0].At) : null;
            target.RowDirty = true;
        }

        var enteredAt = evaluation.EnteredAt is { } entered ? StoredTime.ToTicks(entered) : (long?)null;
        if (evaluation.LastActivityAt is { } last)
        {
            target.LastActivityAt = Max(target.LastActivityAt, StoredTime.ToTicks(last));
        }

        if (evaluation.Stage == target.Stage && evaluation.Order == target.StageOrder && enteredAt == target.StageEnteredAt)
        {
            return;
        }

        var from = target.Stage;
        target.Stage = evaluation.Stage;
        target.StageOrder = evaluation.Order;
        target.StageEnteredAt = enteredAt;
        target.RowDirty = true;
        if (from != evaluation.Stage)
        {
            var cause = evaluation.Transitions.Count > 0
                ? string.Concat(evaluation.Transitions[^1].Source, "/", evaluation.Transitions[^1].RecordId)
                : causedBy;
            Changes.Add(new PendingChange(ChangeKind.StageChanged, target.ProfileId, _nowTicks, cause, FromStage: from, ToStage: evaluation.Stage));
        }
    }

    private static string? Describe(NormalizedRecord record, ResolutionDecision decision)
    {
        if (decision.Unlinked.Count == 0 && record.Notes.Count == 0)
        {
            return null;
        }

        var text = new StringBuilder();
        foreach (var note in record.Notes)
        {
            Append(text, note);
        }

        foreach (var unlinked in decision.Unlinked)
        {
            Append(text, string.Concat("identifier of type \"", unlinked.Key.Type, "\" not linked (", unlinked.Reason, ")"));
        }

        return text.ToString();

        static void Append(StringBuilder text, string part) => text.Append(text.Length == 0 ? string.Empty : "; ").Append(part);
    }

    private static long? Max(long? a, long? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);
}

using System.Text;
using Microsoft.Extensions.Logging;
using ProfileHub.Core.Changes;
using ProfileHub.Core.Identity;
using ProfileHub.Core.Ingest;
using ProfileHub.Core.Journey;

namespace ProfileHub.Storage.Sqlite;

/// <summary>
/// Applies one record inside the writer's open transaction: idempotency check, neighborhood load,
/// the Core resolver's decision, traits, stage and the change entries.
/// </summary>
internal sealed class RecordApplier
{
    private const string MergeRule = "co-observed";
    private static readonly IReadOnlySet<string> NoPeople = new HashSet<string>(StringComparer.Ordinal);

    private readonly WriterStatements _statements;
    private readonly ProfileStateStore _states;
    private readonly ChangeWriter _changes;
    private readonly IIngestRules _rules;
    private readonly ILogger _logger;
    private readonly IngestGuard _guard;
    private readonly IdentifierCache _identifiers;
    private readonly List<ProfileState> _touched = [];
    private long _limitConflicts;

    public RecordApplier(WriterStatements statements, ProfileStateStore states, IdentifierCache identifiers, ChangeWriter changes, IIngestRules rules, ILogger logger, IngestGuard guard)
    {
        _identifiers = identifiers;
        _statements = statements;
        _states = states;
        _changes = changes;
        _rules = rules;
        _logger = logger;
        _guard = guard;
    }

    /// <summary>Limit conflicts counted since start-up (committed or not).</summary>
    public long LimitConflicts => Interlocked.Read(ref _limitConflicts);

    public IngestResult Apply(NormalizedRecord record, long nowTicks)
    {
        var find = _statements.FindRecord;
        find[0] = record.Source;
        find[1] = record.RecordId;
        if (find.Scalar() is string existing)
        {
            return new IngestResult(IngestOutcome.Duplicate, existing, [], null);
        }

        if (_guard.IsSuppressed(record))
        {
            return new IngestResult(IngestOutcome.Suppressed, null, [], "the record carries an identifier of an erased person");
        }

        var neighborhood = LoadNeighborhood(record);
        var decision = _rules.Resolve(record, neighborhood);
        _guard.ObserveLinks(neighborhood, decision, nowTicks);
        var causedBy = string.Concat(record.Source, "/", record.RecordId);
        var profileId = decision.ProfileId;
        _touched.Clear();

        ProfileState target;
        var created = decision.Outcome == IngestOutcome.Created;
        if (created)
        {
            target = _states.Create(profileId, StoredTime.ToTicks(record.OccurredAt), record.Source);
        }
        else
        {
            target = _states.Get(profileId)
                ?? throw new InvalidOperationException("the resolver chose a profile that does not exist");
        }

        _touched.Add(target);
        var merged = false;
        foreach (var absorbedId in decision.AbsorbedProfileIds)
        {
            Merge(target, absorbedId, record, nowTicks);
            merged = true;
        }

        var identifiersChanged = merged | ApplyIdentifiers(decision, neighborhood, target, StoredTime.ToTicks(record.OccurredAt), nowTicks, causedBy);

        var relevant = record.Event is { } eventName && _rules.IsStageRelevant(eventName);
        InsertRecord(record, profileId, relevant);
        if (record.Event is not null)
        {
            target.LastActivityAt = Max(target.LastActivityAt, StoredTime.ToTicks(record.OccurredAt));
            target.RowDirty = true;
        }

        if (created)
        {
            _changes.Append(ChangeKind.ProfileCreated, profileId, nowTicks, causedBy);
        }
        else if (merged)
        {
            _changes.Append(ChangeKind.ProfileMerged, profileId, nowTicks, causedBy, ids: decision.AbsorbedProfileIds);
        }

        if (identifiersChanged && !created)
        {
            _changes.Append(ChangeKind.IdentifiersChanged, profileId, nowTicks, causedBy);
        }

        ApplyTraits(record, target, nowTicks, causedBy);
        if (relevant || merged)
        {
            ApplyStage(record, target, relevant, nowTicks, causedBy);
        }

        if (target.AtRisk && (record.Event is not null || merged)
            && !_rules.IsAtRisk(target.StageOrder, StoredTime.FromTicks(target.LastActivityAt), StoredTime.FromTicks(nowTicks)))
        {
            target.AtRisk = false;
            target.RowDirty = true;
            _changes.Append(ChangeKind.AtRiskChanged, profileId, nowTicks, causedBy, atRisk: false);
        }

        foreach (var state in _touched)
        {
            _states.Flush(state, nowTicks);
        }

        if (decision.LimitConflicts > 0)
        {
            var total = Interlocked.Add(ref _limitConflicts, decision.LimitConflicts);
            StorageLog.LimitConflict(_logger, record.Source, decision.LimitConflicts, total);
        }

        return new IngestResult(decision.Outcome, profileId, decision.AbsorbedProfileIds, Describe(record, decision));
    }

    private IdentityNeighborhood LoadNeighborhood(NormalizedRecord record)
    {
        var linked = new Dictionary<IdentifierKey, LinkedIdentifier>();
        var profiles = new Dictionary<string, ProfileIdentity>(StringComparer.Ordinal);
        var count = record.Identifiers.Count;
        if (count == 0)
        {
            return new IdentityNeighborhood(linked, profiles);
        }

        var lookup = _statements.LookupIdentifier;
        for (var i = 0; i < count; i++)
        {
            var key = record.Identifiers[i].Key;
            if (linked.ContainsKey(key))
            {
                continue;
            }

            if (_identifiers.TryGet(key, out var cached))
            {
                linked[key] = cached;
                continue;
            }

            lookup[0] = key.Type;
            lookup[1] = key.Value;
            using var reader = lookup.Read();
            if (reader.Read())
            {
                var people = reader.IsDBNull(2)
                    ? NoPeople
                    : new HashSet<string>(reader.GetString(2).Split('\u001f'), StringComparer.Ordinal);
                var found = new LinkedIdentifier(key, reader.GetString(0), reader.GetInt64(1) != 0, people);
                linked[key] = found;
                _identifiers.Remember(found);
            }
        }

        foreach (var identifier in linked.Values)
        {
            if (!profiles.ContainsKey(identifier.ProfileId))
            {
                var state = _states.Get(identifier.ProfileId)
                    ?? throw new InvalidOperationException("an identifier points at a profile that does not exist");
                // The live counts are handed over without a copy: the resolver only reads them,
                // and they change only after it has decided.
                profiles[state.ProfileId] = new ProfileIdentity(state.ProfileId, StoredTime.FromTicks(state.CreatedAt), state.IdentifierCounts);
            }
        }

        return new IdentityNeighborhood(linked, profiles);
    }

    private void Merge(ProfileState survivor, string absorbedId, NormalizedRecord record, long nowTicks)
    {
        var absorbed = _states.Get(absorbedId)
            ?? throw new InvalidOperationException("the resolver merged a profile that does not exist");
        var s = _statements;
        Run(s.RepointIdentifiers, absorbedId, survivor.ProfileId);
        Run(s.RepointPeople, absorbedId, survivor.ProfileId);
        s.DeletePeople[0] = absorbedId;
        s.DeletePeople.Execute();
        Run(s.RepointRecords, absorbedId, survivor.ProfileId);
        Run(s.RepointAliases, absorbedId, survivor.ProfileId);
        _identifiers.Merged(absorbedId, survivor.ProfileId);

        var alias = s.InsertAlias;
        alias[0] = absorbedId;
        alias[1] = survivor.ProfileId;
        alias[2] = nowTicks;
        alias.Execute();

        var log = s.InsertMerge;
        log[0] = absorbedId;
        log[1] = survivor.ProfileId;
        log[2] = record.Source;
        log[3] = record.RecordId;
        log[4] = MergeRule;
        log[5] = nowTicks;
        log.Execute();

        var transitions = s.DeleteTransitions;
        transitions[0] = absorbedId;
        transitions[1] = 0;
        transitions.Execute();
        s.DeleteProfile[0] = absorbedId;
        s.DeleteProfile.Execute();

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
        // The absorbed records now belong to the survivor: when both histories are in memory they
        // are joined there (the evaluator orders events itself), otherwise reloaded on evaluation.
        if (survivor.Events is { } survivorEvents && absorbed.Events is { } absorbedEvents)
        {
            survivorEvents.AddRange(absorbedEvents);
            survivorEvents.Sort(StageEvaluator.EventOrder);
        }
        else
        {
            survivor.Events = null;
        }

        survivor.RowDirty = true;
        _states.Forget(absorbedId);
        _touched.Remove(absorbed);
    }

    private bool ApplyIdentifiers(ResolutionDecision decision, IdentityNeighborhood neighborhood, ProfileState target, long occurredTicks, long nowTicks, string causedBy)
    {
        var s = _statements;
        var changed = false;
        foreach (var identifier in decision.NewIdentifiers)
        {
            var insert = s.InsertIdentifier;
            insert[0] = identifier.Key.Type;
            insert[1] = identifier.Key.Value;
            insert[2] = target.ProfileId;
            insert[3] = identifier.RawValue;
            insert[4] = occurredTicks;
            insert.Execute();
            // A new identifier has no people rows yet (they are only written for identifiers that exist).
            _identifiers.Remember(new LinkedIdentifier(identifier.Key, target.ProfileId, false, NoPeople));
            target.AddCount(identifier.Key.Type, 1);
            changed = true;
        }

        foreach (var key in decision.NewlyShared)
        {
            var mark = s.MarkShared;
            mark[0] = key.Type;
            mark[1] = key.Value;
            mark.Execute();
            _identifiers.Forget(key);
            var owner = OwnerAfterMerge(key, neighborhood, decision) ?? target.ProfileId;
            if (owner == target.ProfileId)
            {
                changed = true;
            }
            else
            {
                Touch(owner, nowTicks, causedBy);
            }
        }

        foreach (var (key, person) in decision.PeopleSeen)
        {
            var insert = s.InsertPerson;
            var seen = decision.AbsorbedProfileIds.Contains(person) ? decision.ProfileId : person;
            insert[0] = key.Type;
            insert[1] = key.Value;
            insert[2] = seen;
            insert.Execute();
            _identifiers.PersonSeen(key, seen);
        }

        foreach (var key in decision.Restitched)
        {
            var owner = OwnerAfterMerge(key, neighborhood, decision);
            if (owner is null || owner == target.ProfileId)
            {
                continue;
            }

            var restitch = s.Restitch;
            restitch[0] = key.Type;
            restitch[1] = key.Value;
            restitch[2] = target.ProfileId;
            restitch.Execute();
            _identifiers.Forget(key);
            target.AddCount(key.Type, 1);
            Touch(owner, nowTicks, causedBy)?.AddCount(key.Type, -1);
            changed = true;
        }

        return changed;
    }

    private ProfileState? Touch(string profileId, long nowTicks, string causedBy)
    {
        var state = _states.Get(profileId);
        if (state is null)
        {
            return null;
        }

        if (!_touched.Contains(state))
        {
            _touched.Add(state);
            state.RowDirty = true;
            _changes.Append(ChangeKind.IdentifiersChanged, profileId, nowTicks, causedBy);
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

    private void InsertRecord(NormalizedRecord record, string profileId, bool relevant)
    {
        var insert = _statements.InsertRecord;
        insert[0] = record.Source;
        insert[1] = record.RecordId;
        insert[2] = profileId;
        insert[3] = StoredTime.ToTicks(record.OccurredAt);
        insert[4] = record.Event;
        insert[5] = relevant ? 1 : 0;
        insert[6] = StoredJson.WriteMap(record.Properties);
        insert[7] = StoredJson.WriteMap(record.Traits);
        insert[8] = StoredJson.WriteKeys(record.Identifiers);
        insert.Execute();
    }

    private void ApplyTraits(NormalizedRecord record, ProfileState target, long nowTicks, string causedBy)
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
        _changes.Append(ChangeKind.TraitsChanged, target.ProfileId, nowTicks, causedBy, traitNames: changed);
    }

    private void ApplyStage(NormalizedRecord record, ProfileState target, bool relevant, long nowTicks, string causedBy)
    {
        var loaded = target.Events is not null;
        var events = _states.Events(target);
        if (loaded && relevant)
        {
            // A freshly loaded list already contains the record inserted above.
            AddInOrder(events, new JourneyEvent(record.Source, record.RecordId, record.Event!, record.OccurredAt, record.Properties));
        }

        var evaluation = _rules.EvaluateStage(events);
        var stored = _states.Transitions(target);
        var common = 0;
        while (common < stored.Count && common < evaluation.Transitions.Count && stored[common] == evaluation.Transitions[common])
        {
            common++;
        }

        if (common < stored.Count || common < evaluation.Transitions.Count)
        {
            if (common < stored.Count)
            {
                var delete = _statements.DeleteTransitions;
                delete[0] = target.ProfileId;
                delete[1] = common;
                delete.Execute();
            }

            var insert = _statements.InsertTransition;
            for (var i = common; i < evaluation.Transitions.Count; i++)
            {
                var t = evaluation.Transitions[i];
                insert[0] = target.ProfileId;
                insert[1] = i;
                insert[2] = t.FromStage;
                insert[3] = t.ToStage;
                insert[4] = t.ToOrder;
                insert[5] = StoredTime.ToTicks(t.At);
                insert[6] = t.Source;
                insert[7] = t.RecordId;
                insert[8] = t.Reason;
                insert.Execute();
            }

            target.Transitions = [.. evaluation.Transitions];
            target.FirstStageAt = evaluation.Transitions.Count > 0 ? StoredTime.ToTicks(evaluation.Transitions[0].At) : null;
            target.RowDirty = true;
            target.StageDirty = true;
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
        target.StageDirty = true;
        if (from != evaluation.Stage)
        {
            var cause = evaluation.Transitions.Count > 0
                ? string.Concat(evaluation.Transitions[^1].Source, "/", evaluation.Transitions[^1].RecordId)
                : causedBy;
            _changes.Append(ChangeKind.StageChanged, target.ProfileId, nowTicks, cause, fromStage: from, toStage: evaluation.Stage);
        }
    }

    /// <summary>Adds an event where the evaluation order puts it: at the end, unless it arrived late.</summary>
    private static void AddInOrder(List<JourneyEvent> events, JourneyEvent added)
    {
        var order = StageEvaluator.EventOrder;
        if (events.Count == 0 || order.Compare(events[^1], added) <= 0)
        {
            events.Add(added);
            return;
        }

        var index = events.BinarySearch(added, order);
        events.Insert(index < 0 ? ~index : index, added);
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

    private static void Run(PreparedStatement statement, string first, string second)
    {
        statement[0] = first;
        statement[1] = second;
        statement.Execute();
    }

    private static long? Max(long? a, long? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);
}

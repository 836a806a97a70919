using System.Globalization;
using ProfileHub.Core.Journey;

namespace ProfileHub.Storage.Sqlite;

/// <summary>
/// The writer's bounded write-through cache of profile rows. Safe because the writer is the only
/// connection that changes the file; cleared after every rollback so it never holds uncommitted
/// state that the database does not.
/// </summary>
internal sealed class ProfileStateStore
{
    private readonly WriterStatements _statements;
    private readonly int _capacity;
    private readonly Dictionary<string, ProfileState> _cache = new(StringComparer.Ordinal);

    public ProfileStateStore(WriterStatements statements, int capacity)
    {
        _statements = statements;
        _capacity = capacity;
    }

    /// <summary>Drops everything (after a rollback).</summary>
    public void Clear() => _cache.Clear();

    /// <summary>Keeps memory bounded; called between transactions, so nothing unflushed is lost.</summary>
    public void Trim()
    {
        if (_cache.Count > _capacity)
        {
            _cache.Clear();
        }
    }

    public bool TryGetCached(string profileId, out ProfileState state) => _cache.TryGetValue(profileId, out state!);

    public ProfileState Create(string profileId, long createdAt, string firstSource)
    {
        // A profile created in this transaction has no stored events or history yet: nothing to load.
        var state = new ProfileState(profileId, createdAt, firstSource) { IsNew = true, RowDirty = true, Events = [], Transitions = [] };
        _cache[profileId] = state;
        return state;
    }

    public void Forget(string profileId) => _cache.Remove(profileId);

    /// <summary>The live profile, from the cache or the database; null when no such row exists.</summary>
    public ProfileState? Get(string profileId)
    {
        if (_cache.TryGetValue(profileId, out var cached))
        {
            return cached;
        }

        ProfileState state;
        var load = _statements.LoadProfile;
        load[0] = profileId;
        using (var reader = load.Read())
        {
            if (!reader.Read())
            {
                return null;
            }

            state = new ProfileState(profileId, reader.GetInt64(0), reader.GetString(1))
            {
                Version = reader.GetInt64(2),
                Stage = reader.IsDBNull(3) ? null : reader.GetString(3),
                StageOrder = reader.GetInt32(4),
                StageEnteredAt = reader.IsDBNull(5) ? null : reader.GetInt64(5),
                FirstStageAt = reader.IsDBNull(6) ? null : reader.GetInt64(6),
                AtRisk = reader.GetInt64(7) != 0,
                LastActivityAt = reader.IsDBNull(8) ? null : reader.GetInt64(8),
                Traits = StoredJson.ReadTraits(reader.IsDBNull(9) ? null : reader.GetString(9)),
            };
            state.StoredStage = state.Stage;
            state.StoredFirstStageAt = state.FirstStageAt;
        }

        var counts = _statements.LoadCounts;
        counts[0] = profileId;
        using (var reader = counts.Read())
        {
            while (reader.Read())
            {
                state.IdentifierCounts[reader.GetString(0)] = reader.GetInt32(1);
            }
        }

        _cache[profileId] = state;
        return state;
    }

    /// <summary>The profile's stage-relevant events, loaded once and then kept up to date by the writer.</summary>
    public List<JourneyEvent> Events(ProfileState state)
    {
        if (state.Events is { } events)
        {
            return events;
        }

        events = [];
        var load = _statements.LoadEvents;
        load[0] = state.ProfileId;
        using (var reader = load.Read())
        {
            while (reader.Read())
            {
                events.Add(new JourneyEvent(
                    reader.GetString(0),
                    reader.GetString(1),
                    reader.GetString(2),
                    StoredTime.FromTicks(reader.GetInt64(3)),
                    StoredJson.ReadMap(reader.IsDBNull(4) ? null : reader.GetString(4))));
            }
        }

        // Kept in evaluation order from here on, so evaluating the history never has to sort a copy.
        events.Sort(StageEvaluator.EventOrder);
        state.Events = events;
        return events;
    }

    /// <summary>The stored stage history, oldest first.</summary>
    public List<StageTransition> Transitions(ProfileState state)
    {
        if (state.Transitions is { } transitions)
        {
            return transitions;
        }

        transitions = [];
        if (!state.IsNew)
        {
            var load = _statements.LoadTransitions;
            load[0] = state.ProfileId;
            using var reader = load.Read();
            while (reader.Read())
            {
                transitions.Add(new StageTransition(
                    reader.IsDBNull(0) ? null : reader.GetString(0),
                    reader.GetString(1),
                    reader.GetInt32(2),
                    StoredTime.FromTicks(reader.GetInt64(3)),
                    reader.GetString(4),
                    reader.GetString(5),
                    reader.GetString(6)));
            }
        }

        state.Transitions = transitions;
        return transitions;
    }

    /// <summary>Writes the row (insert when new) with a new version; traits only when they changed.</summary>
    public void Flush(ProfileState state, long nowTicks)
    {
        if (!state.RowDirty && !state.TraitsDirty)
        {
            return;
        }

        state.Version++;
        var inserted = state.IsNew;
        if (inserted)
        {
            var insert = _statements.InsertProfile;
            insert[0] = state.ProfileId;
            insert[1] = state.CreatedAt;
            insert[2] = nowTicks;
            insert[3] = state.Version;
            insert[4] = state.Stage;
            insert[5] = state.StageOrder;
            insert[6] = state.StageEnteredAt;
            insert[7] = state.FirstStageAt;
            insert[8] = state.AtRisk ? 1 : 0;
            insert[9] = state.LastActivityAt;
            insert[10] = StoredJson.WriteTraits(state.Traits);
            insert[11] = state.FirstSource;
            insert.Execute();
        }
        else
        {
            if (!string.Equals(state.Stage, state.StoredStage, StringComparison.Ordinal))
            {
                var update = _statements.UpdateStage;
                update[0] = state.ProfileId;
                update[1] = nowTicks;
                update[2] = state.Version;
                update[3] = state.Stage;
                update[4] = state.StageOrder;
                update[5] = state.StageEnteredAt;
                update[6] = state.AtRisk ? 1 : 0;
                update[7] = state.LastActivityAt;
                ExpectOneRow(update.Execute(), state);
            }
            else if (state.StageDirty)
            {
                var update = _statements.UpdateStageTimes;
                update[0] = state.ProfileId;
                update[1] = nowTicks;
                update[2] = state.Version;
                update[3] = state.StageOrder;
                update[4] = state.StageEnteredAt;
                update[5] = state.AtRisk ? 1 : 0;
                update[6] = state.LastActivityAt;
                ExpectOneRow(update.Execute(), state);
            }
            else
            {
                var update = _statements.UpdateActivity;
                update[0] = state.ProfileId;
                update[1] = nowTicks;
                update[2] = state.Version;
                update[3] = state.AtRisk ? 1 : 0;
                update[4] = state.LastActivityAt;
                ExpectOneRow(update.Execute(), state);
            }

            if (state.FirstStageAt != state.StoredFirstStageAt)
            {
                var update = _statements.UpdateFirstStageAt;
                update[0] = state.ProfileId;
                update[1] = state.FirstStageAt;
                update.Execute();
            }
        }

        if (!inserted && state.TraitsDirty)
        {
            var traits = _statements.UpdateTraits;
            traits[0] = state.ProfileId;
            traits[1] = StoredJson.WriteTraits(state.Traits);
            traits.Execute();
        }

        state.IsNew = false;
        state.StoredStage = state.Stage;
        state.StoredFirstStageAt = state.FirstStageAt;
        state.RowDirty = false;
        state.StageDirty = false;
        state.TraitsDirty = false;
    }

    private static void ExpectOneRow(int updated, ProfileState state)
    {
        if (updated != 1)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"profile row vanished during an update (version {state.Version})"));
        }
    }
}

using ProfileHub.Storage.Sqlite;
using ProfileHub.Core.Ingest;
using ProfileHub.Core.Journey;
using ProfileHub.Core.Profiles;

namespace ProfileHub.Storage;

/// <summary>
/// A profile recomputed from the records it holds (after an admin merge or split moved records):
/// traits reconciled over every record, the journey evaluated over the relevant events, last
/// activity and the at-risk flag. Pure, so both store dialects write the same result.
/// </summary>
internal sealed record ProfileReplay(IReadOnlyDictionary<string, TraitValue> Traits, StageEvaluation Evaluation, long? LastActivityTicks, bool AtRisk)
{
    /// <summary>Replays <paramref name="records"/> (ordered by occurred_at, source, record_id).</summary>
    public static ProfileReplay Of(IEnumerable<RebuildRecordRow> records, IIngestRules rules, long nowTicks)
    {
        IReadOnlyDictionary<string, TraitValue> traits = new Dictionary<string, TraitValue>(StringComparer.Ordinal);
        var events = new List<JourneyEvent>();
        long? lastActivity = null;
        foreach (var record in records)
        {
            var properties = StoredJson.ReadMap(record.PropertiesJson);
            var occurredAt = StoredTime.FromTicks(record.OccurredAt);
            if (record.TraitsJson is not null)
            {
                var normalized = new NormalizedRecord(record.Source, record.RecordId, occurredAt, [], record.Event, properties, StoredJson.ReadMap(record.TraitsJson), []);
                traits = rules.ApplyTraits(traits, normalized).Traits;
            }

            if (record.Event is not null)
            {
                lastActivity = lastActivity is null ? record.OccurredAt : Math.Max(lastActivity.Value, record.OccurredAt);
            }

            if (record.StageRelevant != 0 && record.Event is not null)
            {
                events.Add(new JourneyEvent(record.Source, record.RecordId, record.Event, occurredAt, properties));
            }
        }

        var evaluation = rules.EvaluateStage(events);
        if (evaluation.LastActivityAt is { } last)
        {
            lastActivity = lastActivity is null ? StoredTime.ToTicks(last) : Math.Max(lastActivity.Value, StoredTime.ToTicks(last));
        }

        var atRisk = rules.IsAtRisk(evaluation.Order, lastActivity is { } a ? StoredTime.FromTicks(a) : null, StoredTime.FromTicks(nowTicks));
        return new ProfileReplay(traits, evaluation, lastActivity, atRisk);
    }

    /// <summary>Stage entry time in storage ticks, or null before any stage.</summary>
    public long? EnteredTicks => Evaluation.EnteredAt is { } entered ? StoredTime.ToTicks(entered) : null;

    /// <summary>Time of the first transition in storage ticks (the funnel's window key), or null.</summary>
    public long? FirstStageTicks => Evaluation.Transitions.Count > 0 ? StoredTime.ToTicks(Evaluation.Transitions[0].At) : null;

    /// <summary>Trait names whose value differs from the stored traits <paramref name="previousTraitsJson"/>, in ordinal order.</summary>
    public IReadOnlyList<string> ChangedTraitsSince(string? previousTraitsJson)
    {
        var previous = StoredJson.ReadTraits(previousTraitsJson);
        return Traits.Keys.Union(previous.Keys, StringComparer.Ordinal)
            .Where(name => !Traits.TryGetValue(name, out var now) || !previous.TryGetValue(name, out var then) || now != then)
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}

using System.Data;
using ProfileHub.Core.Identity;
using ProfileHub.Storage.Sqlite;

namespace ProfileHub.Storage.SqlServer;

/// <summary>Builds the table-valued parameters (column order = the user-defined table types of migration 0001).</summary>
internal static class TableValues
{
    public const string NamesType = "dbo.profilehub_names";
    public const string IdentifierKeysType = "dbo.profilehub_identifier_keys";
    public const string RecordKeysType = "dbo.profilehub_record_keys";
    public const string MovesType = "dbo.profilehub_profile_moves";
    public const string IdentifiersType = "dbo.profilehub_identifiers";
    public const string PeopleType = "dbo.profilehub_people";
    public const string RecordsType = "dbo.profilehub_records";
    public const string MergesType = "dbo.profilehub_merges";
    public const string TransitionsType = "dbo.profilehub_transitions";
    public const string CutsType = "dbo.profilehub_transition_cuts";
    public const string ProfilesType = "dbo.profilehub_profiles";
    public const string ChangesType = "dbo.profilehub_changes";
    public const string HashesType = "dbo.profilehub_hashes";
    public const string LinksType = "dbo.profilehub_identifier_links";
    public const string QuarantinesType = "dbo.profilehub_quarantines";

    public static DataTable Hashes(IEnumerable<byte[]> hashes)
    {
        var table = Table(("hash", typeof(byte[])));
        foreach (var hash in hashes.DistinctBy(Convert.ToHexString))
        {
            table.Rows.Add(hash);
        }

        return table;
    }

    public static DataTable Links(BatchGuard guard)
    {
        var table = Table(("type", typeof(string)), ("value", typeof(string)), ("profile_id", typeof(string)), ("at", typeof(long)));
        foreach (var key in guard.ChangedLinks)
        {
            foreach (var (profileId, at) in guard.Links[key])
            {
                table.Rows.Add(key.Type, key.Value, profileId, at);
            }
        }

        return table;
    }

    public static DataTable Quarantines(BatchGuard guard)
    {
        var table = Table(("type", typeof(string)), ("value", typeof(string)), ("at", typeof(long)), ("linked_profiles", typeof(int)));
        foreach (var (key, (at, linked)) in guard.Quarantined)
        {
            table.Rows.Add(key.Type, key.Value, at, linked);
        }

        return table;
    }

    public static DataTable Names(IEnumerable<string> names)
    {
        var table = Table(("name", typeof(string)));
        foreach (var name in names.Distinct(StringComparer.Ordinal))
        {
            table.Rows.Add(name);
        }

        return table;
    }

    public static DataTable IdentifierKeys(IEnumerable<IdentifierKey> keys)
    {
        var table = Table(("type", typeof(string)), ("value", typeof(string)));
        foreach (var key in keys.Distinct())
        {
            table.Rows.Add(key.Type, key.Value);
        }

        return table;
    }

    public static DataTable RecordKeys(IEnumerable<(string Source, string RecordId)> keys)
    {
        var table = Table(("source", typeof(string)), ("record_id", typeof(string)));
        foreach (var (source, recordId) in keys.Distinct())
        {
            table.Rows.Add(source, recordId);
        }

        return table;
    }

    public static DataTable Moves(IEnumerable<KeyValuePair<string, string>> moves)
    {
        var table = Table(("from_id", typeof(string)), ("to_id", typeof(string)));
        foreach (var (from, to) in moves)
        {
            table.Rows.Add(from, to);
        }

        return table;
    }

    public static DataTable Identifiers(IEnumerable<BatchIdentifier> identifiers, Func<string, string> resolve)
    {
        var table = Table(
            ("type", typeof(string)), ("value", typeof(string)), ("profile_id", typeof(string)), ("raw_value", typeof(string)),
            ("first_seen", typeof(long)), ("shared", typeof(bool)), ("is_new", typeof(bool)));
        foreach (var i in identifiers)
        {
            table.Rows.Add(i.Key.Type, i.Key.Value, resolve(i.ProfileId), i.RawValue, i.FirstSeen, i.Shared, i.IsNew);
        }

        return table;
    }

    public static DataTable People(IEnumerable<(IdentifierKey Key, string Person)> people)
    {
        var table = Table(("type", typeof(string)), ("value", typeof(string)), ("profile_id", typeof(string)));
        foreach (var (key, person) in people.Distinct())
        {
            table.Rows.Add(key.Type, key.Value, person);
        }

        return table;
    }

    public static DataTable Records(IEnumerable<PendingRecord> records, Func<string, string> resolve)
    {
        var table = Table(
            ("source", typeof(string)), ("record_id", typeof(string)), ("profile_id", typeof(string)), ("occurred_at", typeof(long)),
            ("event", typeof(string)), ("stage_relevant", typeof(bool)), ("properties_json", typeof(string)), ("traits_json", typeof(string)),
            ("identifiers_json", typeof(string)));
        foreach (var pending in records)
        {
            var r = pending.Record;
            table.Rows.Add(
                r.Source,
                r.RecordId,
                resolve(pending.ProfileId),
                StoredTime.ToTicks(r.OccurredAt),
                (object?)r.Event ?? DBNull.Value,
                pending.StageRelevant,
                (object?)StoredJson.WriteMap(r.Properties) ?? DBNull.Value,
                (object?)StoredJson.WriteMap(r.Traits) ?? DBNull.Value,
                StoredJson.WriteKeys(r.Identifiers));
        }

        return table;
    }

    public static DataTable Merges(IReadOnlyList<PendingMerge> merges)
    {
        var table = Table(
            ("ordinal", typeof(int)), ("absorbed_id", typeof(string)), ("survivor_id", typeof(string)), ("source", typeof(string)),
            ("record_id", typeof(string)), ("rule_name", typeof(string)), ("at", typeof(long)));
        for (var i = 0; i < merges.Count; i++)
        {
            var m = merges[i];
            table.Rows.Add(i + 1, m.AbsorbedId, m.SurvivorId, m.Source, m.RecordId, m.Rule, m.At);
        }

        return table;
    }

    /// <summary>The stored transitions to replace: one cut per existing profile and the rows from the cut on.</summary>
    public static (DataTable Cuts, DataTable Rows) Transitions(IEnumerable<BatchProfile> profiles)
    {
        var cuts = Table(("profile_id", typeof(string)), ("from_seq", typeof(int)));
        var rows = Table(
            ("profile_id", typeof(string)), ("seq", typeof(int)), ("from_stage", typeof(string)), ("to_stage", typeof(string)),
            ("to_order", typeof(int)), ("at", typeof(long)), ("source", typeof(string)), ("record_id", typeof(string)), ("reason", typeof(string)));
        foreach (var profile in profiles)
        {
            if (profile.RewriteFrom is not { } from)
            {
                continue;
            }

            if (!profile.IsNew)
            {
                cuts.Rows.Add(profile.ProfileId, from);
            }

            for (var i = from; i < profile.Transitions.Count; i++)
            {
                var t = profile.Transitions[i];
                rows.Rows.Add(profile.ProfileId, i, (object?)t.FromStage ?? DBNull.Value, t.ToStage, t.ToOrder, StoredTime.ToTicks(t.At), t.Source, t.RecordId, t.Reason);
            }
        }

        return (cuts, rows);
    }

    public static DataTable Profiles(IEnumerable<BatchProfile> profiles)
    {
        var table = Table(
            ("profile_id", typeof(string)), ("created_at", typeof(long)), ("version", typeof(long)), ("stage", typeof(string)),
            ("stage_order", typeof(int)), ("stage_entered_at", typeof(long)), ("first_stage_at", typeof(long)), ("at_risk", typeof(bool)),
            ("last_activity_at", typeof(long)), ("traits_json", typeof(string)), ("first_source", typeof(string)), ("is_new", typeof(bool)));
        foreach (var p in profiles)
        {
            table.Rows.Add(
                p.ProfileId,
                p.CreatedAt,
                p.Version,
                (object?)p.Stage ?? DBNull.Value,
                p.StageOrder,
                (object?)p.StageEnteredAt ?? DBNull.Value,
                (object?)p.FirstStageAt ?? DBNull.Value,
                p.AtRisk,
                (object?)p.LastActivityAt ?? DBNull.Value,
                (object?)StoredJson.WriteTraits(p.Traits) ?? DBNull.Value,
                p.FirstSource,
                p.IsNew);
        }

        return table;
    }

    public static DataTable Changes(IReadOnlyList<PendingChange> changes)
    {
        var table = Table(
            ("ordinal", typeof(int)), ("kind", typeof(int)), ("profile_id", typeof(string)), ("at", typeof(long)), ("ids_json", typeof(string)),
            ("from_stage", typeof(string)), ("to_stage", typeof(string)), ("at_risk", typeof(bool)), ("caused_by", typeof(string)),
            ("trait_names_json", typeof(string)));
        for (var i = 0; i < changes.Count; i++)
        {
            var c = changes[i];
            table.Rows.Add(
                i + 1,
                (int)c.Kind,
                c.ProfileId,
                c.At,
                c.Ids is { Count: > 0 } ids ? StoredJson.WriteStrings(ids) : DBNull.Value,
                (object?)c.FromStage ?? DBNull.Value,
                (object?)c.ToStage ?? DBNull.Value,
                c.AtRisk is { } risk ? risk : DBNull.Value,
                (object?)c.CausedBy ?? DBNull.Value,
                c.TraitNames is { Count: > 0 } names ? StoredJson.WriteStrings(names) : DBNull.Value);
        }

        return table;
    }

    private static DataTable Table(params (string Name, Type Type)[] columns)
    {
        var table = new DataTable { Locale = System.Globalization.CultureInfo.InvariantCulture };
        foreach (var (name, type) in columns)
        {
            table.Columns.Add(name, type);
        }

        return table;
    }
}

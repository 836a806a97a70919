using System.Text;
using Microsoft.Data.Sqlite;

namespace ProfileHub.Storage.Sqlite;

/// <summary>Every statement of the writer, prepared once on its dedicated connection.</summary>
internal sealed class WriterStatements : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly List<PreparedStatement> _all = [];

    public WriterStatements(SqliteConnection connection)
    {
        _connection = connection;

        // One primary-key probe per identifier: cheaper than one OR query over all of a record's
        // identifiers (SQLite de-duplicates OR branches of a WITHOUT ROWID table through a temporary
        // index), and most probes are skipped by the writer's identifier cache anyway.
        LookupIdentifier = Add(
            """
            SELECT i.profile_id, i.shared,
                   (SELECT group_concat(p.profile_id, char(31)) FROM identifier_people p WHERE p.type = i.type AND p.value = i.value)
            FROM identifiers i WHERE i.type = $t AND i.value = $v
            """,
            "$t", "$v");
        FindRecord = Add("SELECT profile_id FROM records WHERE source = $s AND record_id = $r", "$s", "$r");
        LoadProfile = Add(
            """
            SELECT created_at, first_source, version, stage, stage_order, stage_entered_at, first_stage_at,
                   at_risk, last_activity_at, traits_json
            FROM profiles WHERE profile_id = $p
            """,
            "$p");
        LoadCounts = Add("SELECT type, count(*) FROM identifiers WHERE profile_id = $p GROUP BY type", "$p");
        LoadEvents = Add(
            "SELECT source, record_id, event, occurred_at, properties_json FROM records WHERE profile_id = $p AND stage_relevant = 1",
            "$p");
        LoadTransitions = Add(
            "SELECT from_stage, to_stage, to_order, at, source, record_id, reason FROM stage_transitions WHERE profile_id = $p ORDER BY seq",
            "$p");
        InsertProfile = Add(
            """
            INSERT INTO profiles (profile_id, created_at, updated_at, version, stage, stage_order, stage_entered_at,
                                  first_stage_at, at_risk, last_activity_at, traits_json, first_source)
            VALUES ($p, $c, $u, $v, $st, $so, $se, $fs, $ar, $la, $tj, $src)
            """,
            "$p", "$c", "$u", "$v", "$st", "$so", "$se", "$fs", "$ar", "$la", "$tj", "$src");
        // Each indexed column is written only when its value changed: SQLite rewrites an index entry
        // (dirtying its page for the next commit) whenever the column is in the SET list, even when
        // the value stays the same.
        UpdateStage = Add(
            """
            UPDATE profiles SET updated_at = $u, version = $v, stage = $st, stage_order = $so, stage_entered_at = $se,
                                at_risk = $ar, last_activity_at = $la
            WHERE profile_id = $p
            """,
            "$p", "$u", "$v", "$st", "$so", "$se", "$ar", "$la");
        UpdateStageTimes = Add(
            """
            UPDATE profiles SET updated_at = $u, version = $v, stage_order = $so, stage_entered_at = $se,
                                at_risk = $ar, last_activity_at = $la
            WHERE profile_id = $p
            """,
            "$p", "$u", "$v", "$so", "$se", "$ar", "$la");
        UpdateActivity = Add(
            "UPDATE profiles SET updated_at = $u, version = $v, at_risk = $ar, last_activity_at = $la WHERE profile_id = $p",
            "$p", "$u", "$v", "$ar", "$la");
        UpdateFirstStageAt = Add("UPDATE profiles SET first_stage_at = $fs WHERE profile_id = $p", "$p", "$fs");
        UpdateTraits = Add("UPDATE profiles SET traits_json = $tj WHERE profile_id = $p", "$p", "$tj");
        DeleteProfile = Add("DELETE FROM profiles WHERE profile_id = $p", "$p");
        InsertIdentifier = Add(
            "INSERT INTO identifiers (type, value, profile_id, raw_value, first_seen, shared) VALUES ($t, $v, $p, $raw, $fs, 0)",
            "$t", "$v", "$p", "$raw", "$fs");
        MarkShared = Add("UPDATE identifiers SET shared = 1 WHERE type = $t AND value = $v", "$t", "$v");
        Restitch = Add("UPDATE identifiers SET profile_id = $p WHERE type = $t AND value = $v", "$t", "$v", "$p");
        InsertPerson = Add("INSERT OR IGNORE INTO identifier_people (type, value, profile_id) VALUES ($t, $v, $p)", "$t", "$v", "$p");
        RepointIdentifiers = Add("UPDATE identifiers SET profile_id = $s WHERE profile_id = $a", "$a", "$s");
        RepointPeople = Add("UPDATE OR IGNORE identifier_people SET profile_id = $s WHERE profile_id = $a", "$a", "$s");
        DeletePeople = Add("DELETE FROM identifier_people WHERE profile_id = $a", "$a");
        RepointRecords = Add("UPDATE records SET profile_id = $s WHERE profile_id = $a", "$a", "$s");
        RepointAliases = Add("UPDATE profile_aliases SET profile_id = $s WHERE profile_id = $a", "$a", "$s");
        InsertAlias = Add("INSERT INTO profile_aliases (alias_id, profile_id, merged_at) VALUES ($a, $s, $at)", "$a", "$s", "$at");
        InsertMerge = Add(
            "INSERT INTO merges (absorbed_id, survivor_id, source, record_id, rule, at) VALUES ($a, $s, $src, $r, $rule, $at)",
            "$a", "$s", "$src", "$r", "$rule", "$at");
        DeleteTransitions = Add("DELETE FROM stage_transitions WHERE profile_id = $p AND seq >= $from", "$p", "$from");
        InsertTransition = Add(
            """
            INSERT INTO stage_transitions (profile_id, seq, from_stage, to_stage, to_order, at, source, record_id, reason)
            VALUES ($p, $seq, $f, $t, $o, $at, $src, $r, $why)
            """,
            "$p", "$seq", "$f", "$t", "$o", "$at", "$src", "$r", "$why");
        InsertRecord = Add(
            """
            INSERT INTO records (source, record_id, profile_id, occurred_at, event, stage_relevant, properties_json, traits_json, identifiers_json)
            VALUES ($src, $r, $p, $at, $e, $rel, $pj, $tj, $ij)
            """,
            "$src", "$r", "$p", "$at", "$e", "$rel", "$pj", "$tj", "$ij");
        InsertChange = Add(
            """
            INSERT INTO changes (seq, kind, profile_id, at, ids_json, from_stage, to_stage, at_risk, caused_by, trait_names_json)
            VALUES ($seq, $k, $p, $at, $ids, $f, $t, $risk, $by, $tn)
            """,
            "$seq", "$k", "$p", "$at", "$ids", "$f", "$t", "$risk", "$by", "$tn");
        InsertLink = Add(
            "INSERT OR REPLACE INTO identifier_links (type, value, profile_id, at) VALUES ($t, $v, $p, $at)", "$t", "$v", "$p", "$at");
        DeleteOldLinks = Add("DELETE FROM identifier_links WHERE type = $t AND value = $v AND at <= $start", "$t", "$v", "$start");
        LoadLinks = Add("SELECT profile_id, at FROM identifier_links WHERE type = $t AND value = $v", "$t", "$v");
        SweepCandidates = Add("SELECT profile_id, stage_order, last_activity_at, at_risk FROM profiles WHERE stage_order > 0");
        SetAtRisk = Add("UPDATE profiles SET at_risk = $ar, version = version + 1, updated_at = $u WHERE profile_id = $p", "$p", "$ar", "$u");
        LastSequence = Add("SELECT coalesce(max(seq), 0) FROM changes");
    }

    /// <summary>An existing identifier's owner, shared flag and the people it was co-observed with.</summary>
    public PreparedStatement LookupIdentifier { get; }

    public PreparedStatement FindRecord { get; }

    public PreparedStatement LoadProfile { get; }

    public PreparedStatement LoadCounts { get; }

    public PreparedStatement LoadEvents { get; }

    public PreparedStatement LoadTransitions { get; }

    public PreparedStatement InsertProfile { get; }

    public PreparedStatement UpdateStage { get; }

    public PreparedStatement UpdateStageTimes { get; }

    public PreparedStatement UpdateFirstStageAt { get; }

    public PreparedStatement UpdateActivity { get; }

    public PreparedStatement UpdateTraits { get; }

    public PreparedStatement DeleteProfile { get; }

    public PreparedStatement InsertIdentifier { get; }

    public PreparedStatement MarkShared { get; }

    public PreparedStatement Restitch { get; }

    public PreparedStatement InsertPerson { get; }

    public PreparedStatement RepointIdentifiers { get; }

    public PreparedStatement RepointPeople { get; }

    public PreparedStatement DeletePeople { get; }

    public PreparedStatement RepointRecords { get; }

    public PreparedStatement RepointAliases { get; }

    public PreparedStatement InsertAlias { get; }

    public PreparedStatement InsertMerge { get; }

    public PreparedStatement DeleteTransitions { get; }

    public PreparedStatement InsertTransition { get; }

    public PreparedStatement InsertRecord { get; }

    public PreparedStatement InsertChange { get; }

    public PreparedStatement InsertLink { get; }

    public PreparedStatement DeleteOldLinks { get; }

    public PreparedStatement LoadLinks { get; }

    public PreparedStatement SweepCandidates { get; }

    public PreparedStatement SetAtRisk { get; }

    public PreparedStatement LastSequence { get; }

    public void Dispose()
    {
        foreach (var statement in _all)
        {
            statement.Dispose();
        }
    }

    private PreparedStatement Add(string sql, params string[] parameterNames)
    {
        var statement = new PreparedStatement(_connection, sql, parameterNames);
        _all.Add(statement);
        return statement;
    }
}

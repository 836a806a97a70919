using System.Text.Json;
using ProfileHub.Core.Admin;
using ProfileHub.Core.Identity;

namespace ProfileHub.Storage.Sqlite;

/// <summary>Loads the identity graph of one profile (its identifiers and evidence) from the tables.</summary>
internal static class EvidenceRows
{
    public const string ManualSource = "admin";

    public static List<ProfileIdentifierRow> Identifiers(AdminSql sql, string profileId) =>
        sql.Query<ProfileIdentifierRow>(
            "SELECT type AS Type, value AS Value, shared AS Shared, first_seen AS FirstSeen FROM identifiers WHERE profile_id = @Id ORDER BY type, value",
            new { Id = profileId });

    public static List<RecordEvidenceRow> Records(AdminSql sql, string profileId) =>
        sql.Query<RecordEvidenceRow>(
            """
            SELECT r.source AS Source, r.record_id AS RecordId, r.occurred_at AS OccurredAt, r.identifiers_json AS IdentifiersJson,
                   (SELECT 1 FROM dropped_evidence d WHERE d.source = r.source AND d.record_id = r.record_id) AS Dropped
            FROM records r WHERE r.profile_id = @Id ORDER BY r.occurred_at, r.source, r.record_id
            """,
            new { Id = profileId });

    public static List<EvidenceHyperedge> ManualLinks(AdminSql sql, string profileId) =>
        sql.Query<ManualLinkRow>(
            """
            SELECT m.audit_id AS AuditId, m.at AS At, m.a_type AS AType, m.a_value AS AValue, m.b_type AS BType, m.b_value AS BValue
            FROM manual_links m JOIN identifiers i ON i.type = m.a_type AND i.value = m.a_value
            WHERE i.profile_id = @Id ORDER BY m.audit_id
            """,
            new { Id = profileId })
        .Select(m => new EvidenceHyperedge(
            ManualSource,
            AuditRecordId(m.AuditId),
            StoredTime.FromTicks(m.At),
            EvidenceRules.ManualMerge,
            [new IdentifierKey(m.AType, m.AValue), new IdentifierKey(m.BType, m.BValue)]))
        .ToList();

    /// <summary>The graph of a profile: co-observation by every record whose evidence was not dropped, plus manual merges.</summary>
    public static EvidenceGraph Graph(IReadOnlyList<ProfileIdentifierRow> identifiers, IReadOnlyList<RecordEvidenceRow> records, IReadOnlyList<EvidenceHyperedge> manual) =>
        new(
            identifiers.Select(i => i.Key),
            identifiers.Where(i => i.Shared != 0).Select(i => i.Key),
            records.Where(r => r.Dropped is null)
                .Select(r => new EvidenceHyperedge(r.Source, r.RecordId, StoredTime.FromTicks(r.OccurredAt), EvidenceRules.CoObserved, Keys(r.IdentifiersJson)))
                .Concat(manual));

    public static string AuditRecordId(long auditId) => "audit-" + auditId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Reads <c>[["type","value"],…]</c>.</summary>
    public static List<IdentifierKey> Keys(string json)
    {
        var pairs = JsonSerializer.Deserialize<string[][]>(json) ?? [];
        return pairs.Where(p => p.Length == 2).Select(p => new IdentifierKey(p[0], p[1])).ToList();
    }

    /// <summary>Writes <c>[["type","value"],…]</c> (the format of <see cref="StoredJson.WriteKeys"/>).</summary>
    public static string WriteKeys(IEnumerable<IdentifierKey> keys) =>
        JsonSerializer.Serialize(keys.Select(k => new[] { k.Type, k.Value }).ToArray());
}

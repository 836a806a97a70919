using System.Text;
using ProfileHub.Core.Identity;

namespace ProfileHub.Core.Ingest;

/// <summary>
/// Validates incoming records and normalizes their identifiers. Rejections name the field
/// (<c>records[3].identifiers[0].type: unknown identifier type "emial"</c>); junk values are
/// ignored with a note; duplicate identifiers within a record collapse to one. Deterministic for a
/// given clock reading: the only time it reads is "now", for a missing occurred_at and the
/// future-time check.
/// </summary>
public sealed class RecordNormalizer
{
    /// <summary>Longest source or record id, in characters.</summary>
    public const int MaxKeyLength = 256;

    /// <summary>Longest event name, in characters.</summary>
    public const int MaxEventLength = 128;

    /// <summary>Most properties (and, separately, traits) per record.</summary>
    public const int MaxEntries = 100;

    /// <summary>Longest property or trait name, in characters.</summary>
    public const int MaxEntryKeyLength = 128;

    /// <summary>Longest property or trait value, in characters.</summary>
    public const int MaxEntryValueLength = 4096;

    /// <summary>How far in the future occurred_at may be (clock skew between systems).</summary>
    public static readonly TimeSpan MaxFutureSkew = TimeSpan.FromHours(24);

    private readonly IdentifierCatalog catalog;
    private readonly TimeProvider time;

    /// <summary>Creates a normalizer for the types of <paramref name="catalog"/>.</summary>
    public RecordNormalizer(IdentifierCatalog catalog, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(time);
        this.catalog = catalog;
        this.time = time;
    }

    /// <summary>
    /// Validates <paramref name="record"/>; field paths in rejections start with
    /// <paramref name="fieldPrefix"/> (for example <c>records[3]</c>; empty for none).
    /// </summary>
    public NormalizationResult Normalize(IncomingRecord record, string fieldPrefix)
    {
        ArgumentNullException.ThrowIfNull(record);
        fieldPrefix ??= string.Empty;
        string Path(string field) => fieldPrefix.Length == 0 ? field : string.Concat(fieldPrefix, ".", field);

        var keyProblem = CheckKey(record.Source, "source") ?? CheckKey(record.RecordId, "record_id");
        if (keyProblem is not null)
            return NormalizationResult.Rejected(Path(keyProblem.Value.Field), keyProblem.Value.Reason);

        var now = time.GetUtcNow();
        var occurredAt = record.OccurredAt ?? now;
        if (occurredAt > now + MaxFutureSkew)
            return NormalizationResult.Rejected(Path("occurred_at"), "more than 24 hours in the future");

        var eventName = string.IsNullOrEmpty(record.Event) ? null : record.Event;
        if (eventName is not null && eventName.Length > MaxEventLength)
            return NormalizationResult.Rejected(Path("event"), $"longer than {MaxEventLength} characters");

        var identifiers = record.Identifiers ?? [];
        if (identifiers.Count == 0)
            return NormalizationResult.Rejected(Path("identifiers"), "at least one identifier is required");
        var max = catalog.Settings.MaxIdentifiersPerRecord;
        if (identifiers.Count > max)
            return NormalizationResult.Rejected(Path("identifiers"), $"at most {max} identifiers per record (got {identifiers.Count})");

        var observed = new List<ObservedIdentifier>(identifiers.Count);
        var seen = new HashSet<IdentifierKey>();
        var notes = new List<string>();
        for (var i = 0; i < identifiers.Count; i++)
        {
            var field = Path($"identifiers[{i}]");
            var rejection = NormalizeIdentifier(identifiers[i], field, observed, seen, notes);
            if (rejection is not null)
                return rejection;
        }

        if (observed.Count == 0)
            return NormalizationResult.Rejected(Path("identifiers"), "no usable identifier (every value is a known junk value)");

        var properties = CheckEntries(record.Properties, "properties", out var propertiesProblem);
        if (propertiesProblem is not null)
            return NormalizationResult.Rejected(Path(propertiesProblem.Value.Field), propertiesProblem.Value.Reason);
        var traits = CheckEntries(record.Traits, "traits", out var traitsProblem);
        if (traitsProblem is not null)
            return NormalizationResult.Rejected(Path(traitsProblem.Value.Field), traitsProblem.Value.Reason);

        return NormalizationResult.Accepted(new NormalizedRecord(
            record.Source, record.RecordId, occurredAt, observed, eventName, properties, traits, notes));
    }

    private static (string Field, string Reason)? CheckKey(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
            return (field, "required");
        if (value.Length > MaxKeyLength)
            return (field, $"longer than {MaxKeyLength} characters");
        return null;
    }

    private NormalizationResult? NormalizeIdentifier(
        IncomingIdentifier? identifier, string field, List<ObservedIdentifier> observed, HashSet<IdentifierKey> seen, List<string> notes)
    {
        if (identifier is null || string.IsNullOrWhiteSpace(identifier.Type))
            return NormalizationResult.Rejected(field + ".type", "required");
        // Type keys are lower-case snake case; "Email " from a hand-written export means the same type.
        if (!catalog.TryGet(identifier.Type.Trim().ToLowerInvariant(), out var type))
            return NormalizationResult.Rejected(field + ".type", $"unknown identifier type \"{Printable(identifier.Type)}\"");

        var raw = identifier.Value;
        if (string.IsNullOrWhiteSpace(raw))
            return NormalizationResult.Rejected(field + ".value", "empty value");
        var bytes = Encoding.UTF8.GetByteCount(raw);
        if (bytes > catalog.Settings.MaxValueBytes)
            return NormalizationResult.Rejected(field + ".value", $"value is {bytes} bytes (limit {catalog.Settings.MaxValueBytes})");

        // Junk is checked before normalization: "0" or "n/a" sent as a phone is an empty form field, not a malformed number.
        if (catalog.IsJunk(type, raw, null))
        {
            notes.Add($"{field}: ignored a junk {type.Key} value");
            return null;
        }

        if (!catalog.Normalizer.TryNormalize(type.Normalization, raw, out var normalized, out var error))
            return NormalizationResult.Rejected(field + ".value", error);
        if (catalog.IsJunk(type, raw, normalized))
        {
            notes.Add($"{field}: ignored a junk {type.Key} value");
            return null;
        }

        var key = new IdentifierKey(type.Key, normalized);
        if (seen.Add(key))
            observed.Add(new ObservedIdentifier(key, raw));
        else
            notes.Add($"{field}: duplicate of an earlier identifier of the record");
        return null;
    }

    private static IReadOnlyDictionary<string, string> CheckEntries(
        IReadOnlyDictionary<string, string>? entries, string field, out (string Field, string Reason)? problem)
    {
        problem = null;
        if (entries is null || entries.Count == 0)
            return new Dictionary<string, string>(StringComparer.Ordinal);
        if (entries.Count > MaxEntries)
        {
            problem = (field, $"at most {MaxEntries} entries (got {entries.Count})");
            return entries;
        }

        var copy = new Dictionary<string, string>(entries.Count, StringComparer.Ordinal);
        foreach (var (name, value) in entries)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                problem = (field, "empty name");
                return entries;
            }

            if (name.Length > MaxEntryKeyLength)
            {
                problem = (field, $"a name is longer than {MaxEntryKeyLength} characters");
                return entries;
            }

            if ((value ?? string.Empty).Length > MaxEntryValueLength)
            {
                problem = ($"{field}[\"{Printable(name)}\"]", $"value longer than {MaxEntryValueLength} characters");
                return entries;
            }

            copy[name] = value ?? string.Empty;
        }

        return copy;
    }

    // Echoed names are capped and stripped of control characters so a hostile value cannot flood or forge the message.
    private static string Printable(string text)
    {
        var capped = text.Length > 64 ? string.Concat(text.AsSpan(0, 64), "…") : text;
        return string.Create(capped.Length, capped, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
                span[i] = char.IsControl(source[i]) || source[i] == '"' ? '?' : source[i];
        });
    }
}

using System.Diagnostics.CodeAnalysis;
using ProfileHub.Core.Errors;

namespace ProfileHub.Core.Ingest;

/// <summary>
/// The outcome of validating one incoming record: either the <see cref="NormalizedRecord"/> or the
/// field path and reason of the first problem found.
/// </summary>
public sealed class NormalizationResult
{
    private NormalizationResult(NormalizedRecord? record, string? field, string? reason)
    {
        Record = record;
        Field = field;
        Reason = reason;
    }

    /// <summary>True when the record was accepted; <see cref="Record"/> is then set.</summary>
    [MemberNotNullWhen(true, nameof(Record))]
    [MemberNotNullWhen(false, nameof(Field), nameof(Reason), nameof(Error))]
    public bool IsValid => Record is not null;

    /// <summary>The validated record, when accepted.</summary>
    public NormalizedRecord? Record { get; }

    /// <summary>Path of the offending field, for example <c>records[3].identifiers[0].type</c>.</summary>
    public string? Field { get; }

    /// <summary>Why the field is not accepted, for example <c>unknown identifier type "emial"</c>.</summary>
    public string? Reason { get; }

    /// <summary><c>field: reason</c>, the text a REJECTED result or INVALID_ARGUMENT status carries.</summary>
    public string? Error => Field is null ? null : string.Concat(Field, ": ", Reason);

    /// <summary>An accepted record.</summary>
    public static NormalizationResult Accepted(NormalizedRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new(record, null, null);
    }

    /// <summary>A rejected record.</summary>
    public static NormalizationResult Rejected(string field, string reason) => new(null, field, reason);

    /// <summary>The rejection as an <see cref="IngestResult"/> (for per-record results).</summary>
    /// <exception cref="InvalidOperationException">The record was accepted.</exception>
    public IngestResult ToIngestResult() =>
        IsValid ? throw new InvalidOperationException("the record was accepted") : IngestResult.Rejected(Error);

    /// <summary>The rejection as an exception (for whole-request validation).</summary>
    /// <exception cref="InvalidOperationException">The record was accepted.</exception>
    public InvalidFieldException ToException() =>
        IsValid ? throw new InvalidOperationException("the record was accepted") : new InvalidFieldException(Field, Reason);
}

namespace ProfileHub.Core.Ingest;

/// <summary>The result of ingesting one record.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="ProfileId">The profile the record belongs to afterwards; null when rejected or suppressed.</param>
/// <param name="MergedProfileIds">Profile ids absorbed by this record (merges only).</param>
/// <param name="Message">Rejection reason (field and cause) or a note such as a limit conflict.</param>
public sealed record IngestResult(
    IngestOutcome Outcome,
    string? ProfileId,
    IReadOnlyList<string> MergedProfileIds,
    string? Message)
{
    /// <summary>A rejected record with its reason.</summary>
    public static IngestResult Rejected(string message) => new(IngestOutcome.Rejected, null, [], message);
}

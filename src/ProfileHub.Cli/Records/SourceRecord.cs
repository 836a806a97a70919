using ProfileHub.Contracts.V1;

namespace ProfileHub.Cli.Records;

/// <summary>One record read from an input file: the parsed record, or why the line could not be read.</summary>
/// <param name="Line">1-based line number in the file.</param>
/// <param name="Raw">The line as read, kept for the rejects file.</param>
/// <param name="Record">The record, or null when the line is malformed.</param>
/// <param name="Error">Why the line is malformed, or null.</param>
internal sealed record SourceRecord(long Line, string Raw, Record? Record, string? Error);

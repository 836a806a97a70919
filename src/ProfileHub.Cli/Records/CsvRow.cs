namespace ProfileHub.Cli.Records;

/// <summary>One CSV row: its fields, its first line number and its raw text.</summary>
internal readonly record struct CsvRow(long Line, string Raw, IReadOnlyList<string> Fields);

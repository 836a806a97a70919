namespace ProfileHub.Core.Ingest;

/// <summary>An identifier as received, before normalization.</summary>
public sealed record IncomingIdentifier(string Type, string Value);

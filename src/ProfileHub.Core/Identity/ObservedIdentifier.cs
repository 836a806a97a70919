namespace ProfileHub.Core.Identity;

/// <summary>An identifier as one record observed it: its normalized key and the value as sent.</summary>
/// <param name="Key">Normalized key.</param>
/// <param name="RawValue">The value exactly as the source system sent it.</param>
public sealed record ObservedIdentifier(IdentifierKey Key, string RawValue);

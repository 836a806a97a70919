namespace ProfileHub.Core.Profiles;

/// <summary>A reconciled trait value with its provenance.</summary>
/// <param name="Value">The winning value.</param>
/// <param name="Source">The source system that supplied it.</param>
/// <param name="UpdatedAt">Event time of the record that supplied it.</param>
public sealed record TraitValue(string Value, string Source, DateTimeOffset UpdatedAt);

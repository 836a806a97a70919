namespace ProfileHub.Core.Admin;

/// <summary>Why a profile holds the identifiers it holds.</summary>
/// <param name="ProfileId">The surviving profile id.</param>
/// <param name="Identifiers">Every identifier of the profile with its evidence, ordered by type then value.</param>
public sealed record ExplainReport(string ProfileId, IReadOnlyList<ExplainedIdentifier> Identifiers);

namespace ProfileHub.Core.Admin;

/// <summary>The shortest chain of evidence connecting two identifiers of a profile.</summary>
/// <param name="ProfileId">The surviving profile id.</param>
/// <param name="Connected">False when no chain of evidence joins the two identifiers.</param>
/// <param name="Steps">The evidence in order from the first identifier to the second (empty when not connected or when both are the same).</param>
public sealed record EvidencePath(string ProfileId, bool Connected, IReadOnlyList<EvidenceEdge> Steps);

using ProfileHub.Core.Identity;

namespace ProfileHub.Core.Admin;

/// <summary>
/// One piece of linking evidence over any number of identifiers: a record links every identifier it
/// observed together (a hyperedge), a manual merge links one identifier of each merged profile.
/// </summary>
/// <param name="Source">Source system of the record (<c>admin</c> for a manual merge).</param>
/// <param name="RecordId">Record id within the source.</param>
/// <param name="At">When the evidence was observed.</param>
/// <param name="Rule">The linking rule, one of <see cref="EvidenceRules"/>.</param>
/// <param name="Identifiers">The identifiers the evidence links.</param>
public sealed record EvidenceHyperedge(string Source, string RecordId, DateTimeOffset At, string Rule, IReadOnlyList<IdentifierKey> Identifiers);

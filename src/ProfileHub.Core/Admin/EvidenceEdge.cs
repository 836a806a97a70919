using ProfileHub.Core.Identity;

namespace ProfileHub.Core.Admin;

/// <summary>One piece of evidence linking two identifiers: a record that observed them together, or a manual merge.</summary>
/// <param name="Source">Source system of the record (<c>admin</c> for a manual merge).</param>
/// <param name="RecordId">Record id within the source (the audit id for a manual merge).</param>
/// <param name="At">When the evidence was observed.</param>
/// <param name="Rule">The linking rule, one of <see cref="EvidenceRules"/>.</param>
/// <param name="A">One identifier the evidence links.</param>
/// <param name="B">The other identifier the evidence links.</param>
public sealed record EvidenceEdge(string Source, string RecordId, DateTimeOffset At, string Rule, IdentifierKey A, IdentifierKey B);

using ProfileHub.Core.Identity;

namespace ProfileHub.Core.Admin;

/// <summary>An identifier of a profile and every piece of evidence that links it.</summary>
/// <param name="Identifier">The normalized identifier.</param>
/// <param name="Shared">True when the identifier is a shared device (or quarantined) and no longer links anyone.</param>
/// <param name="Evidence">The edges touching the identifier, oldest first.</param>
public sealed record ExplainedIdentifier(IdentifierKey Identifier, bool Shared, IReadOnlyList<EvidenceEdge> Evidence);

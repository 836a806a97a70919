namespace ProfileHub.Core.Identity;

/// <summary>An identifier of a record that was not used to link profiles, and why.</summary>
/// <param name="Key">The identifier.</param>
/// <param name="Reason">For example <c>limit:crm_id</c> or <c>shared-device</c>.</param>
public sealed record UnlinkedIdentifier(IdentifierKey Key, string Reason);

namespace ProfileHub.Server.Security;

/// <summary>
/// Who made a call: an API key's name, a JWT's <c>sub</c>, or the peer address when auth is off.
/// Stored in <c>ServerCallContext.Items[ItemKey]</c> for audit logging.
/// </summary>
/// <param name="Name">Key name, token subject, or peer IP.</param>
/// <param name="Kind">How the caller was identified: "apikey", "jwt" or "peer".</param>
/// <param name="GrantedScopes">Scopes the credential grants (empty for "peer").</param>
public sealed record CallerIdentity(string Name, string Kind, IReadOnlySet<string> GrantedScopes)
{
    /// <summary>Key of the caller in <c>ServerCallContext.Items</c> and <c>HttpContext.Items</c>.</summary>
    public const string ItemKey = "profilehub.caller";

    /// <summary>Formatted for audit lines: "apikey:crm-sync".</summary>
    public override string ToString() => Kind + ":" + Name;
}

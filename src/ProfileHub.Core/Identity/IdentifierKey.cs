namespace ProfileHub.Core.Identity;

/// <summary>
/// A normalized identifier: the key under which identity resolution matches records. Two raw values
/// that normalize to the same key are the same identifier.
/// </summary>
/// <param name="Type">Identifier type key from the catalog (for example <c>email</c>).</param>
/// <param name="Value">Normalized value (for example lower-cased email, E.164 phone).</param>
public readonly record struct IdentifierKey(string Type, string Value)
{
    /// <summary>The canonical text form <c>type:value</c>, used in logs (hashed), caches and storage keys.</summary>
    public override string ToString() => string.Concat(Type, ":", Value);
}

namespace ProfileHub.Core.Errors;

/// <summary>
/// A requested operation (a manual merge) would give a profile more identifiers of a type than the
/// type's limit allows. The transport maps it to FAILED_PRECONDITION.
/// </summary>
public sealed class IdentifierLimitException : Exception
{
    /// <summary>Creates the exception for <paramref name="identifierType"/>.</summary>
    public IdentifierLimitException(string identifierType, int limit, int wouldHave)
        : base($"merging would give the profile {wouldHave} identifiers of type \"{identifierType}\" (limit {limit})")
    {
        IdentifierType = identifierType;
    }

    /// <summary>The identifier type whose limit would be exceeded.</summary>
    public string IdentifierType { get; }
}

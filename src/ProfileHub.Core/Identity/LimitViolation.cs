using ProfileHub.Core.Errors;

namespace ProfileHub.Core.Identity;

/// <summary>A per-type identifier limit that a merge or link would break.</summary>
/// <param name="IdentifierType">The type whose limit would be exceeded.</param>
/// <param name="Limit">The type's <see cref="Identity.IdentifierType.MaxPerProfile"/>.</param>
/// <param name="WouldHave">How many identifiers of the type the profile would hold.</param>
public sealed record LimitViolation(string IdentifierType, int Limit, int WouldHave)
{
    /// <summary>The exception the transport maps to FAILED_PRECONDITION.</summary>
    public IdentifierLimitException ToException() => new(IdentifierType, Limit, WouldHave);
}

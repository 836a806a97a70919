namespace ProfileHub.Core.Errors;

/// <summary>No profile matches a lookup. The transport maps it to NOT_FOUND.</summary>
public sealed class ProfileNotFoundException : Exception
{
    /// <summary>Creates the exception for a lookup described by <paramref name="lookup"/> (no PII: callers pass a redacted form).</summary>
    public ProfileNotFoundException(string lookup)
        : base(string.Concat("no profile matches ", lookup))
    {
    }
}

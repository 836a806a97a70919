namespace ProfileHub.Core.Identity;

/// <summary>
/// The identity configuration is invalid. The message names the configuration key and the problem
/// (for example <c>ProfileHub:Identity:Types:email:MaxPerProfile: must be ≥ 1</c>) so start-up fails
/// with something an operator can act on.
/// </summary>
public sealed class IdentityConfigurationException : ArgumentException
{
    /// <summary>Creates the exception for the setting at <paramref name="key"/>.</summary>
    public IdentityConfigurationException(string key, string problem)
        : base(string.Concat(key, ": ", problem))
    {
        Key = key;
        Problem = problem;
    }

    /// <summary>Full configuration key, for example <c>ProfileHub:Identity:Types:email:MaxPerProfile</c>.</summary>
    public string Key { get; }

    /// <summary>What is wrong with the value.</summary>
    public string Problem { get; }
}

namespace ProfileHub.Core.Journey;

/// <summary>
/// The journey configuration is invalid. The message names the configuration path of the offending
/// stage or rule and the problem, so start-up fails with something an operator can act on.
/// </summary>
public sealed class JourneyConfigurationException : Exception
{
    /// <summary>Creates the exception for the setting at <paramref name="path"/>.</summary>
    public JourneyConfigurationException(string path, string problem)
        : base(string.Concat(path, ": ", problem))
    {
        Path = path;
        Problem = problem;
    }

    /// <summary>Configuration path, for example <c>ProfileHub:Journey:Stages:2 (decision)</c>.</summary>
    public string Path { get; }

    /// <summary>What is wrong there.</summary>
    public string Problem { get; }
}

namespace ProfileHub.Server.Jobs;

/// <summary>Background job settings (<c>ProfileHub:Jobs</c>).</summary>
internal sealed class JobOptions
{
    /// <summary>How often the at-risk sweep runs (default 5 minutes).</summary>
    public TimeSpan AtRiskSweepInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the store's counts behind the profile gauges are read (default 15 seconds).</summary>
    public TimeSpan StatisticsInterval { get; set; } = TimeSpan.FromSeconds(15);
}

namespace ProfileHub.Server.Security;

/// <summary><c>ProfileHub:RateLimit</c>: a token bucket per caller (identity, or peer IP when auth is off).</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "ProfileHub:RateLimit";

    /// <summary>Off by default: a single-tenant deployment behind its own gateway may not want it.</summary>
    public bool Enabled { get; set; }

    /// <summary>Tokens added to each caller's bucket per second (sustained calls per second).</summary>
    public int PermitsPerSecond { get; set; } = 100;

    /// <summary>Bucket size: calls a caller may make at once after being idle.</summary>
    public int Burst { get; set; } = 200;
}

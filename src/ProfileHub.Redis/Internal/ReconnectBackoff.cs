namespace ProfileHub.Redis.Internal;

/// <summary>
/// Exponential backoff with jitter: attempt n waits between half and all of min·2ⁿ (capped at
/// max), so many replicas that lost Redis at the same moment do not reconnect in lock step.
/// </summary>
internal readonly struct ReconnectBackoff(TimeSpan min, TimeSpan max)
{
    public TimeSpan Next(int attempt)
    {
        var ceiling = Math.Min(max.TotalMilliseconds, min.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30)));
#pragma warning disable CA5394 // Jitter needs no cryptographic randomness.
        var jittered = ceiling * (0.5 + (Random.Shared.NextDouble() * 0.5));
#pragma warning restore CA5394
        return TimeSpan.FromMilliseconds(Math.Max(1, jittered));
    }
}

namespace ProfileHub.Core.Tests.Identity;

/// <summary>A clock that always reads the same instant, so "now" in validation is reproducible.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public static readonly DateTimeOffset Epoch = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => now;
}

namespace ProfileHub.Storage.Tests;

/// <summary>Fixed event times, so tests read as timelines.</summary>
internal static class Time
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset At(double hours) => Start.AddHours(hours);
}

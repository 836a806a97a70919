using ProfileHub.Core.Journey;

namespace ProfileHub.Core.Tests.Journey;

/// <summary>Writes event histories tersely: times are offsets from a fixed start, record ids are sequential.</summary>
internal sealed class HistoryBuilder(string source = "web", string recordPrefix = "r")
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly List<JourneyEvent> events = [];

    public IReadOnlyList<JourneyEvent> Events => events;

    public JourneyEvent this[int index] => events[index];

    public HistoryBuilder At(TimeSpan offset, string name, params (string Key, string Value)[] properties) =>
        From(source, offset, name, properties);

    public HistoryBuilder From(string eventSource, TimeSpan offset, string name, params (string Key, string Value)[] properties)
    {
        var props = properties.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        events.Add(new JourneyEvent(eventSource, $"{recordPrefix}{events.Count + 1:D4}", name, Start + offset, props));
        return this;
    }

    public static TimeSpan Days(double days) => TimeSpan.FromDays(days);

    public static TimeSpan Hours(double hours) => TimeSpan.FromHours(hours);
}

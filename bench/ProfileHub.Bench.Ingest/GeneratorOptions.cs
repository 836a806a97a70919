namespace ProfileHub.Bench.Ingest;

/// <summary>Shape of a generated dataset. Same options, same records.</summary>
public sealed record GeneratorOptions
{
    /// <summary>Seed of the random generator.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>How many records to generate.</summary>
    public int Records { get; init; } = 100_000;

    /// <summary>Average records per person (sets the population size).</summary>
    public int RecordsPerPerson { get; init; } = 12;

    /// <summary>Fraction of all devices that are shared by 4–8 people (kiosks, family tablets).</summary>
    public double SharedDeviceFraction { get; init; } = 0.025;

    /// <summary>Fraction of CRM people who share a household email with another CRM person.</summary>
    public double HouseholdEmailFraction { get; init; } = 0.01;

    /// <summary>Time of the first record; records spread over <see cref="Span"/>.</summary>
    public DateTimeOffset Start { get; init; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Period the records cover.</summary>
    public TimeSpan Span { get; init; } = TimeSpan.FromDays(90);
}

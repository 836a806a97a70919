namespace ProfileHub.Bench.Ingest;

/// <summary>Generated records in time order, with the facts about the population behind them.</summary>
/// <param name="Records">Records ordered by occurred_at.</param>
/// <param name="People">Population size.</param>
/// <param name="Devices">Distinct devices (personal and shared).</param>
/// <param name="SharedDevices">Devices used by 4–8 people.</param>
/// <param name="HouseholdEmails">Emails two CRM contacts share.</param>
public sealed record GeneratedDataset(IReadOnlyList<GeneratedRecord> Records, int People, int Devices, int SharedDevices, int HouseholdEmails);

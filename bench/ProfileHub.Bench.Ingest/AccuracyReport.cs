namespace ProfileHub.Bench.Ingest;

/// <summary>Figures of one accuracy run.</summary>
public sealed record AccuracyReport(
    GeneratedDataset Dataset,
    int Ingested,
    int Rejected,
    int Profiles,
    int MergedProfiles,
    int LimitConflicts,
    int SharedDevicesDetected,
    int ScoredIdentifiers,
    int AmbiguousIdentifiers,
    PairwiseScore ProfileHub,
    PairwiseScore Naive,
    PairwiseScore ProfileHubLinkable,
    PairwiseScore NaiveLinkable,
    TimeSpan IngestTime);

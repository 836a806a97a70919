namespace ProfileHub.Server.Observability;

/// <summary>One series at scrape time: a value, or for histograms the bounds, per-bucket counts (last is +Inf) and sum.</summary>
internal sealed record SeriesSnapshot(LabelSet Labels, double Value, IReadOnlyList<double>? Bounds = null, long[]? BucketCounts = null);

namespace ProfileHub.Bench.Load;

/// <summary>Figures of one timed send: wall time, sorted batch latencies and outcome totals.</summary>
internal sealed record IngestRun(TimeSpan Elapsed, List<double> LatenciesMs, OutcomeTotals Totals);

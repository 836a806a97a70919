namespace ProfileHub.Core.Journey;

/// <summary>Funnel numbers of one stage.</summary>
/// <param name="Key">Stage key.</param>
/// <param name="DisplayName">Stage display name.</param>
/// <param name="Order">Stage order (1-based).</param>
/// <param name="Reached">Profiles whose journey reached this stage or a later one.</param>
/// <param name="Converted">Of those, profiles that reached a later stage.</param>
/// <param name="ConversionRate"><paramref name="Converted"/> / <paramref name="Reached"/>; 0 when none reached.</param>
/// <param name="DropOffRate">1 − conversion; 0 for the last stage and when none reached.</param>
/// <param name="MedianTimeToNext">Nearest-rank median time from entering this stage to entering the next stage entered; null without samples.</param>
/// <param name="P90TimeToNext">Nearest-rank 90th percentile of the same samples.</param>
/// <param name="TimeToNextSamples">How many profiles entered this stage and a later one (the samples).</param>
public sealed record FunnelStageFigures(
    string Key,
    string DisplayName,
    int Order,
    int Reached,
    int Converted,
    double ConversionRate,
    double DropOffRate,
    TimeSpan? MedianTimeToNext,
    TimeSpan? P90TimeToNext,
    int TimeToNextSamples);

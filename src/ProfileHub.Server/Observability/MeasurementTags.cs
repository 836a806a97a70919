namespace ProfileHub.Server.Observability;

/// <summary>
/// A measurement's tags as they arrive from the listener, used to find their series without first
/// building the series key string (see <see cref="SeriesKeyComparer"/>).
/// </summary>
internal readonly ref struct MeasurementTags(ReadOnlySpan<KeyValuePair<string, object?>> tags)
{
    public ReadOnlySpan<KeyValuePair<string, object?>> Tags { get; } = tags;
}

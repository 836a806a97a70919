namespace ProfileHub.Redis.Tests.Infrastructure;

/// <summary>Measuring tests run alone (no other test class in parallel) so that their figures mean something on a 2-core machine.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MeasurementCollection
{
    public const string Name = "Measurements";
}

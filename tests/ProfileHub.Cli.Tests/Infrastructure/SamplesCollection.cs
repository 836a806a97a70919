namespace ProfileHub.Cli.Tests.Infrastructure;

/// <summary>Tests that read the ingested samples share one server (ingesting takes a few seconds).</summary>
[CollectionDefinition(Name)]
public sealed class SamplesCollection : ICollectionFixture<IngestedSamplesFixture>
{
    public const string Name = "ingested samples";
}

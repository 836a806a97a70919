namespace ProfileHub.Server.Tests.Infrastructure;

/// <summary>Tests that share one default-configured server; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class SharedServerCollection : ICollectionFixture<ProfileHubServerFixture>
{
    public const string Name = "shared ProfileHub server";
}

namespace ProfileHub.Server.Tests.Infrastructure;

/// <summary>Distinct identifier prefixes so tests sharing one server never see each other's people.</summary>
public static class TestIds
{
    public static string NewPrefix() => Guid.NewGuid().ToString("N")[..12];
}

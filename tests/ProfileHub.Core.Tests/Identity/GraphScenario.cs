using ProfileHub.Core.Identity;
using ProfileHub.Core.Ingest;

namespace ProfileHub.Core.Tests.Identity;

/// <summary>
/// An identity graph with the default catalog and a terse way to feed it records:
/// <c>Ingest("web", "r1", "device_id:d1", "email:A@x.com")</c>. Record n happens n minutes after the epoch
/// unless a time is given, so "oldest profile" follows the order of the scenario.
/// </summary>
public sealed class GraphScenario
{
    private int clockMinutes;

    public GraphScenario(IdentitySettings? settings = null)
    {
        Settings = settings ?? new IdentitySettings();
        Catalog = IdentifierCatalog.Create(Settings);
        Normalizer = new RecordNormalizer(Catalog, new FixedClock(FixedClock.Epoch.AddDays(30)));
        Graph = new IdentityGraph(Catalog, Settings);
    }

    public IdentitySettings Settings { get; }

    public IdentifierCatalog Catalog { get; }

    public RecordNormalizer Normalizer { get; }

    public IdentityGraph Graph { get; }

    public static IncomingRecord Incoming(string source, string recordId, DateTimeOffset? at, params string[] identifiers) =>
        new(source, recordId, at, identifiers.Select(Parse).ToList(), "page_viewed",
            new Dictionary<string, string>(), new Dictionary<string, string>());

    public NormalizedRecord Normalize(string source, string recordId, params string[] identifiers)
    {
        var result = Normalizer.Normalize(Incoming(source, recordId, FixedClock.Epoch.AddMinutes(++clockMinutes), identifiers), "record");
        Assert.True(result.IsValid, result.Error);
        return result.Record;
    }

    public IngestResult Ingest(string source, string recordId, params string[] identifiers) =>
        Graph.Ingest(Normalize(source, recordId, identifiers));

    /// <summary>The live profile of an identifier given as raw <c>type:value</c> (normalized first).</summary>
    public string? ProfileOf(string identifier)
    {
        var parsed = Parse(identifier);
        var type = Catalog.Get(parsed.Type);
        Assert.True(Catalog.Normalizer.TryNormalize(type.Normalization, parsed.Value, out var value, out var error), error);
        return Graph.FindProfile(new IdentifierKey(parsed.Type, value));
    }

    public static IdentifierKey Key(string identifier)
    {
        var parsed = Parse(identifier);
        return new IdentifierKey(parsed.Type, parsed.Value);
    }

    private static IncomingIdentifier Parse(string identifier)
    {
        var colon = identifier.IndexOf(':', StringComparison.Ordinal);
        return new IncomingIdentifier(identifier[..colon], identifier[(colon + 1)..]);
    }
}

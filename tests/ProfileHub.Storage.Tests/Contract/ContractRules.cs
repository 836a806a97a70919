using Microsoft.Extensions.Logging.Abstractions;
using ProfileHub.Core.Admin;
using ProfileHub.Core.Identity;
using ProfileHub.Core.Ingest;
using ProfileHub.Core.Journey;
using ProfileHub.Core.Traits;
using ProfileHub.Storage.Sqlite;
using ProfileHub.Storage.SqlServer;

namespace ProfileHub.Storage.Tests.Contract;

/// <summary>The default Core rules every contract store is built with, and a record builder.</summary>
public sealed class ContractRules
{
    public ContractRules()
    {
        IdentitySettings = new IdentitySettings();
        Catalog = IdentifierCatalog.Create(IdentitySettings);
        Resolver = new IdentityResolver(Catalog, IdentitySettings);
        Stages = StageCatalog.Create(JourneySettings.CreateDefault());
        Normalizer = new RecordNormalizer(Catalog, TimeProvider.System);
    }

    public IdentitySettings IdentitySettings { get; }

    public IdentifierCatalog Catalog { get; }

    public IdentityResolver Resolver { get; }

    public StageCatalog Stages { get; }

    public RecordNormalizer Normalizer { get; }

    public SqliteProfileStore OpenSqlite(StorageOptions options, ChangeSignal signal, QuarantineSettings? quarantine = null) => new(
        Microsoft.Extensions.Options.Options.Create(options),
        signal,
        Resolver,
        new TraitReconciler(new TraitSettings()),
        Stages,
        new StageEvaluator(Stages),
        new AtRiskPolicy(Stages),
        TimeProvider.System,
        NullLogger<SqliteProfileStore>.Instance,
        Microsoft.Extensions.Options.Options.Create(quarantine ?? new QuarantineSettings()));

    public SqlServerProfileStore OpenSqlServer(StorageOptions options, ChangeSignal signal, QuarantineSettings? quarantine = null) => new(
        Microsoft.Extensions.Options.Options.Create(options),
        signal,
        Resolver,
        new TraitReconciler(new TraitSettings()),
        Stages,
        new StageEvaluator(Stages),
        new AtRiskPolicy(Stages),
        TimeProvider.System,
        NullLogger<SqlServerProfileStore>.Instance,
        Microsoft.Extensions.Options.Options.Create(quarantine ?? new QuarantineSettings()));

    internal IIngestRules IngestRules() => new CoreIngestRules(
        Resolver, new TraitReconciler(new TraitSettings()), Stages, new StageEvaluator(Stages), new AtRiskPolicy(Stages));

    public NormalizedRecord Record(string source, string recordId, DateTimeOffset occurredAt, string? eventName, params (string Type, string Value)[] identifiers) =>
        Record(source, recordId, occurredAt, eventName, null, identifiers);

    public NormalizedRecord Record(
        string source,
        string recordId,
        DateTimeOffset occurredAt,
        string? eventName,
        IReadOnlyDictionary<string, string>? traits,
        params (string Type, string Value)[] identifiers) =>
        Record(source, recordId, occurredAt, eventName, null, traits, identifiers);

    public NormalizedRecord Record(
        string source,
        string recordId,
        DateTimeOffset occurredAt,
        string? eventName,
        IReadOnlyDictionary<string, string>? properties,
        IReadOnlyDictionary<string, string>? traits,
        params (string Type, string Value)[] identifiers)
    {
        var incoming = new IncomingRecord(
            source,
            recordId,
            occurredAt,
            identifiers.Select(i => new IncomingIdentifier(i.Type, i.Value)).ToList(),
            eventName,
            properties ?? new Dictionary<string, string>(),
            traits ?? new Dictionary<string, string>());
        var result = Normalizer.Normalize(incoming, string.Empty);
        Assert.True(result.IsValid, result.Error);
        return result.Record;
    }
}

namespace ProfileHub.Storage.Tests.Contract;

/// <summary>One empty database for one contract test; stores opened on it are "replicas" sharing it.</summary>
public interface IContractDatabase : IAsyncDisposable
{
    /// <summary>How many store instances may write to the database at once (SQLite: one writer per file by design).</summary>
    int MaxWriterInstances { get; }

    /// <summary>A new store instance on the database, initialized.</summary>
    Task<IProfileStore> OpenAsync();

    /// <summary>Disposes an instance (a replica stopping); later <see cref="OpenAsync"/> calls see everything it committed.</summary>
    Task CloseAsync(IProfileStore store);
}

using ProfileHub.Core.Identity;
using ProfileHub.Core.Profiles;

namespace ProfileHub.Storage.Tests.Durability;

public sealed class StoreShutdownTests
{
    [Fact]
    public async Task Disposing_the_store_closes_every_connection_and_folds_the_log_into_the_database()
    {
        await using var harness = new StoreHarness();
        var walPath = harness.DatabasePath + "-wal";
        var store = harness.Open();
        await store.IngestAsync([harness.Record("web", "w1", Time.At(0), "page_viewed", ("device_id", "d1"))], CancellationToken.None);
        Assert.NotNull(await store.GetStageAsync(ProfileKey.ByIdentifier(new IdentifierKey("device_id", "d1")), CancellationToken.None));
        Assert.True(File.Exists(walPath), "an open store writes through its write-ahead log");

        await store.DisposeAsync();

        // SQLite removes the log only when the last connection to the file closes after a complete
        // checkpoint: a connection left open (the writer's included) would keep it.
        Assert.False(File.Exists(walPath), "the write-ahead log outlived the store");
        await using var reopened = harness.Open();
        Assert.NotNull(await reopened.GetStageAsync(ProfileKey.ByIdentifier(new IdentifierKey("device_id", "d1")), CancellationToken.None));
    }
}

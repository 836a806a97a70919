using System.Collections.Concurrent;
using System.Diagnostics;
using Dapper;
using Microsoft.Data.Sqlite;
using ProfileHub.Contracts;
using ProfileHub.Contracts.V1;
using ProfileHub.Grpc.Client;
using ProfileHub.Server.Tests.Infrastructure;
using Xunit.Abstractions;
using static ProfileHub.Server.Tests.Infrastructure.Records;

namespace ProfileHub.Server.Tests.Crash;

public sealed class CrashRecoveryTests(ITestOutputHelper output)
{
    private const int Callers = 4;
    private const int BatchSize = 100;
    private static readonly TimeSpan IngestBeforeKill = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Every_record_acknowledged_before_a_sigkill_is_present_after_restart_and_the_file_is_intact()
    {
        var directory = Directory.CreateTempSubdirectory("profilehub-crash-").FullName;
        var databasePath = Path.Combine(directory, "profilehub.db");
        try
        {
            var p = TestIds.NewPrefix();
            var acknowledged = new ConcurrentBag<IngestRequest>();
            var failedCalls = 0;

            await using (var server = await ProfileHubServerProcess.StartAsync(databasePath: databasePath))
            {
                using var stop = new CancellationTokenSource();
                var callers = Enumerable.Range(0, Callers).Select(caller => Task.Run(async () =>
                {
                    using var channel = GrpcChannel.ForAddress(server.Address);
                    for (var batch = 0; !stop.IsCancellationRequested; batch++)
                    {
                        var request = Batch(p, caller, batch);
                        try
                        {
                            var response = await channel.UnaryAsync(ProfileHubMethods.Ingest, request, ProfileHubCalls.Options());
                            Assert.All(response.Results, r => Assert.Equal(IngestOutcome.Created, r.Outcome));
                            acknowledged.Add(request);
                        }
                        catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
                        {
                            // The server died under this call: it was never acknowledged.
                            Interlocked.Increment(ref failedCalls);
                            return;
                        }
                    }
                })).ToList();

                await Task.Delay(IngestBeforeKill);
                Assert.NotEmpty(acknowledged);
                using (var process = Process.GetProcessById(server.ProcessId))
                {
                    process.Kill(); // SIGKILL: no shutdown hooks, no flush.
                    await process.WaitForExitAsync();
                }

                stop.Cancel();
                await Task.WhenAll(callers);
            }

            var batches = acknowledged.ToList();
            var acknowledgedRecords = batches.Sum(b => b.Records.Count);
            int found;
            await using (var restarted = await ProfileHubServerProcess.StartAsync(databasePath: databasePath))
            {
                found = await CountResolvableAsync(restarted.Channel, batches);
                var replayed = 0;
                foreach (var batch in batches)
                {
                    var response = await restarted.Channel.UnaryAsync(ProfileHubMethods.Ingest, batch, ProfileHubCalls.Options());
                    Assert.All(response.Results, r => Assert.Equal(IngestOutcome.Duplicate, r.Outcome));
                    replayed += response.Results.Count;
                }

                Assert.Equal(acknowledgedRecords, replayed);
                restarted.SendTerminate();
                await restarted.WaitForExitAsync(TimeSpan.FromSeconds(30));
            }

            output.WriteLine($"acknowledged before SIGKILL: {acknowledgedRecords} records in {batches.Count} calls; found after restart: {found}; calls cut by the kill: {failedCalls}");
            Assert.Equal(acknowledgedRecords, found);

            await using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
            await connection.OpenAsync();
            Assert.Equal("ok", await connection.ExecuteScalarAsync<string>("PRAGMA integrity_check"));
            Assert.True(await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM records") >= acknowledgedRecords);
        }
        finally
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp directory is harmless.
            }
        }
    }

    private static IngestRequest Batch(string prefix, int caller, int batch)
    {
        var request = new IngestRequest();
        var at = DateTimeOffset.UtcNow.AddMinutes(-5);
        for (var i = 0; i < BatchSize; i++)
        {
            var id = $"{prefix}-c{caller}-b{batch}-r{i}";
            request.Records.Add(Event("crash", id, at, "page_viewed", Id("email", id + "@crash.example")));
        }

        return request;
    }

    private static async Task<int> CountResolvableAsync(GrpcChannel channel, IReadOnlyList<IngestRequest> batches)
    {
        var found = 0;
        foreach (var chunk in batches.SelectMany(b => b.Records).Chunk(1_000))
        {
            var request = new BatchGetJourneyStagesRequest();
            request.Lookups.AddRange(chunk.Select(r => ByIdentifier("email", r.Identifiers[0].Value)));
            var response = await channel.UnaryAsync(ProfileHubMethods.BatchGetJourneyStages, request, ProfileHubCalls.Options());
            found += response.Items.Count(i => i.Found && i.Stage.Stage == "awareness");
        }

        return found;
    }
}

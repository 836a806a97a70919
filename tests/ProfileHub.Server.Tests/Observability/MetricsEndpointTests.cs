using System.Net;
using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using ProfileHub.Contracts;
using ProfileHub.Contracts.V1;
using ProfileHub.Grpc;
using ProfileHub.Grpc.Client;

namespace ProfileHub.Server.Tests.Observability;

public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task Scrape_after_traffic_shows_calls_by_method_and_status_latency_histograms_ingest_outcomes_and_cache_lookups()
    {
        await using var server = await ObservedServer.StartAsync("json");
        using var channel = GrpcChannel.ForAddress(server.Address);
        var request = new IngestRequest();
        for (var i = 0; i < 3; i++)
        {
            request.Records.Add(new Record
            {
                Source = "web",
                RecordId = "m-" + i,
                OccurredAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 10, 1, 9, i, 0, TimeSpan.Zero)),
                Event = "page_viewed",
                Identifiers = { new Identifier { Type = "device_id", Value = "metrics-device-" + i } },
            });
        }

        await channel.UnaryAsync(ProfileHubMethods.Ingest, request);
        for (var i = 0; i < 5; i++)
        {
            await channel.UnaryAsync(ProfileHubMethods.GetJourneyStage, new GetJourneyStageRequest { Lookup = new ProfileLookup { Identifier = new Identifier { Type = "device_id", Value = "metrics-device-0" } } });
        }

        var missing = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(ProfileHubMethods.GetJourneyStage, new GetJourneyStageRequest { Lookup = new ProfileLookup { Identifier = new Identifier { Type = "email", Value = "nobody@example.com" } } }));
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);

        using var http = new HttpClient();
        using var response = await http.GetAsync(server.MetricsUrl);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new Version(1, 1), response.Version);
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("0.0.4", response.Content.Headers.ContentType.Parameters.Single(p => p.Name == "version").Value);
        var scrape = PrometheusScrape.Parse(await response.Content.ReadAsStringAsync());

        const string Stage = "/profilehub.v1.ProfileService/GetJourneyStage";
        Assert.Equal(5, scrape.Value("grpc_server_calls_total", ("method", Stage), ("status", "OK")));
        Assert.Equal(1, scrape.Value("grpc_server_calls_total", ("method", Stage), ("status", "NotFound")));
        Assert.Equal("histogram", scrape.Types["grpc_server_call_duration_seconds"]);
        var buckets = scrape.Series("grpc_server_call_duration_seconds_bucket").Where(s => s.Labels["method"] == Stage && s.Labels["status"] == "OK").ToList();
        Assert.Equal(5, buckets.Single(b => b.Labels["le"] == "+Inf").Value);
        Assert.Equal(5, scrape.Value("grpc_server_call_duration_seconds_count", ("method", Stage), ("status", "OK")));
        Assert.True(scrape.Value("grpc_server_call_duration_seconds_sum", ("method", Stage), ("status", "OK")) > 0);
        Assert.Equal(3, scrape.Value("profilehub_ingest_records_total", ("outcome", "created")));
        Assert.True(scrape.Value("cache_hits_total") + scrape.Value("cache_misses_total") >= 5, "stage lookups go through the cache");
        Assert.Contains(scrape.Types.Keys, name => name.StartsWith("dotnet_", StringComparison.Ordinal));

        using var other = await http.GetAsync(server.MetricsUrl.Replace("/metrics", "/", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [Fact]
    public async Task Json_logs_are_one_object_per_line_and_call_logs_carry_the_trace_id()
    {
        await using var server = await ObservedServer.StartAsync("json");
        using var channel = GrpcChannel.ForAddress(server.Address);
        await channel.UnaryAsync(ProfileHubMethods.ListStages, new ListStagesRequest());

        var deadline = DateTime.UtcNow.AddSeconds(10);
        JsonElement? callLog = null;
        while (callLog is null && DateTime.UtcNow < deadline)
        {
            var lines = server.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.All(lines, line => JsonDocument.Parse(line));
            callLog = lines.Select(l => JsonDocument.Parse(l).RootElement)
                .Where(e => e.GetProperty("Message").GetString()!.Contains("ListStages", StringComparison.Ordinal))
                .Cast<JsonElement?>()
                .FirstOrDefault();
            await Task.Delay(100);
        }

        Assert.NotNull(callLog);
        var scopes = callLog.Value.GetProperty("Scopes").EnumerateArray().ToList();
        Assert.Contains(scopes, s => s.TryGetProperty("TraceId", out var id) && id.GetString()!.Length == 32);
        Assert.True(callLog.Value.TryGetProperty("Timestamp", out _));
        Assert.Equal("Information", callLog.Value.GetProperty("LogLevel").GetString());
    }
}

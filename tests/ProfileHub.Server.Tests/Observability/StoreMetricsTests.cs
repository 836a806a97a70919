using Google.Protobuf.WellKnownTypes;
using ProfileHub.Contracts;
using ProfileHub.Contracts.V1;
using ProfileHub.Grpc.Client;

namespace ProfileHub.Server.Tests.Observability;

public sealed class StoreMetricsTests
{
    [Fact]
    public async Task Scrape_shows_profiles_per_stage_merges_shared_devices_limit_conflicts_and_store_latency()
    {
        await using var server = await ObservedServer.StartAsync("json", new Dictionary<string, string> { ["ProfileHub__Jobs__StatisticsInterval"] = "00:00:00.200" });
        using var channel = GrpcChannel.ForAddress(server.Address);
        var at = new DateTimeOffset(2026, 10, 1, 9, 0, 0, TimeSpan.Zero);
        var request = new IngestRequest();
        void Add(string id, string? evt, params (string Type, string Value)[] identifiers)
        {
            var record = new Record { Source = "web", RecordId = id, OccurredAt = Timestamp.FromDateTimeOffset(at = at.AddMinutes(1)), Event = evt ?? string.Empty };
            foreach (var (type, value) in identifiers)
            {
                record.Identifiers.Add(new Identifier { Type = type, Value = value });
            }

            request.Records.Add(record);
        }

        // Two anonymous devices then one login that links both: one merge.
        Add("a", "page_viewed", ("device_id", "phone"));
        Add("b", "pricing_viewed", ("device_id", "laptop"));
        Add("c", "cart_added", ("device_id", "phone"), ("device_id", "laptop"), ("user_id", "u-1"));
        // Two CRM contacts sharing an email: a limit conflict.
        Add("d", null, ("crm_id", "crm-1"), ("email", "shared@example.com"));
        Add("e", null, ("crm_id", "crm-2"), ("email", "shared@example.com"));
        // A kiosk device used by five people becomes shared.
        for (var i = 0; i < 5; i++)
        {
            Add("k" + i, "page_viewed", ("device_id", "kiosk"), ("user_id", "kiosk-user-" + i));
        }

        await channel.UnaryAsync(ProfileHubMethods.Ingest, request);

        using var http = new HttpClient();
        PrometheusScrape scrape = null!;
        for (var attempt = 0; attempt < 100; attempt++)
        {
            scrape = PrometheusScrape.Parse(await http.GetStringAsync(server.MetricsUrl));
            if (scrape.Types.ContainsKey("profilehub_profiles") && scrape.Value("profilehub_shared_identifiers") >= 1)
            {
                break;
            }

            await Task.Delay(100);
        }

        Assert.Equal("gauge", scrape.Types["profilehub_profiles"]);
        Assert.Equal(1, scrape.Value("profilehub_profiles", ("stage", "decision")));
        Assert.Equal(1, scrape.Value("profilehub_shared_identifiers"));
        Assert.True(scrape.Value("profilehub_limit_conflicts_total") >= 1, "two CRM contacts sharing an email conflict");
        Assert.Equal(1, scrape.Value("profilehub_merges_total"));
        Assert.Equal(1, scrape.Value("profilehub_store_duration_seconds_count", ("operation", "ingest")));
    }
}

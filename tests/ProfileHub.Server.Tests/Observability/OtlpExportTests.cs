using System.Net;
using System.Text.Json;
using ProfileHub.Contracts;
using ProfileHub.Contracts.V1;
using ProfileHub.Grpc.Client;

namespace ProfileHub.Server.Tests.Observability;

public sealed class OtlpExportTests
{
    [Fact]
    public async Task With_an_otlp_endpoint_the_server_posts_cumulative_metrics_as_otlp_json()
    {
        var port = FreeTcpPort.Pick();
        using var collector = new HttpListener();
        collector.Prefixes.Add($"http://127.0.0.1:{port}/");
        collector.Start();
        await using var server = await ObservedServer.StartAsync("text", new Dictionary<string, string>
        {
            ["ProfileHub__Telemetry__OtlpEndpoint"] = $"http://127.0.0.1:{port}",
            ["ProfileHub__Telemetry__ExportInterval"] = "00:00:01",
            ["ProfileHub__Telemetry__Headers"] = "x-api-key=secret-1",
        });
        using var channel = GrpcChannel.ForAddress(server.Address);
        await channel.UnaryAsync(ProfileHubMethods.ListStages, new ListStagesRequest());

        const string ListStages = "/profilehub.v1.ProfileService/ListStages";
        JsonElement? grpcCalls = null;
        JsonElement? point = null;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (point is null && DateTime.UtcNow < deadline)
        {
            // Exports are periodic: an early one may predate the ListStages call, so read until it shows up.
            var context = await collector.GetContextAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal("POST", context.Request.HttpMethod);
            Assert.Equal("/v1/metrics", context.Request.Url!.AbsolutePath);
            Assert.Equal("application/json", context.Request.ContentType);
            Assert.Equal("secret-1", context.Request.Headers["x-api-key"]);
            using var body = await JsonDocument.ParseAsync(context.Request.InputStream);
            context.Response.StatusCode = 200;
            context.Response.Close();

            var resource = body.RootElement.GetProperty("resourceMetrics")[0];
            Assert.Equal("profilehub", resource.GetProperty("resource").GetProperty("attributes")[0].GetProperty("value").GetProperty("stringValue").GetString());
            grpcCalls = resource.GetProperty("scopeMetrics").EnumerateArray()
                .Where(s => s.GetProperty("scope").GetProperty("name").GetString() == "ProfileHub.Grpc")
                .SelectMany(s => s.GetProperty("metrics").EnumerateArray())
                .Where(m => m.GetProperty("name").GetString() == "grpc_server_calls")
                .Select(m => m.Clone())
                .Cast<JsonElement?>()
                .FirstOrDefault();
            point = grpcCalls?.GetProperty("sum").GetProperty("dataPoints").EnumerateArray()
                .Where(p => p.GetProperty("attributes").EnumerateArray().Any(a => a.GetProperty("value").GetProperty("stringValue").GetString() == ListStages))
                .Cast<JsonElement?>()
                .FirstOrDefault();
        }

        Assert.NotNull(point);
        var sum = grpcCalls!.Value.GetProperty("sum");
        Assert.Equal(2, sum.GetProperty("aggregationTemporality").GetInt32());
        Assert.True(sum.GetProperty("isMonotonic").GetBoolean());
        Assert.Equal(1, point.Value.GetProperty("asDouble").GetDouble());
        Assert.True(ulong.Parse(point.Value.GetProperty("timeUnixNano").GetString()!, System.Globalization.CultureInfo.InvariantCulture) >= ulong.Parse(point.Value.GetProperty("startTimeUnixNano").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
    }
}

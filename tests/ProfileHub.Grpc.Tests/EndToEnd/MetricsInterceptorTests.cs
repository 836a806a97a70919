using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using ProfileHub.Grpc.Tests.Infrastructure;
using ProfileHub.Grpc.TestHost;

namespace ProfileHub.Grpc.Tests.EndToEnd;

public class MetricsInterceptorTests(EchoServerFixture fixture) : IClassFixture<EchoServerFixture>
{
    [Fact]
    public async Task Calls_are_counted_and_timed_per_method_and_status()
    {
        var counts = new ConcurrentQueue<(long Value, string Method, string Status)>();
        var durations = new ConcurrentQueue<double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == GrpcMetricsInterceptor.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (instrument.Name == "grpc_server_calls")
            {
                var dictionary = tags.ToArray().ToDictionary(t => t.Key, t => (string)t.Value!);
                counts.Enqueue((value, dictionary["method"], dictionary["status"]));
            }
        });
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) =>
        {
            if (instrument.Name == "grpc_server_call_duration")
            {
                durations.Enqueue(value);
            }
        });
        listener.Start();

        await fixture.Channel.UnaryAsync(EchoServerFixture.Lookup, new LookupRequest { Key = "key:1" });
        await Assert.ThrowsAsync<RpcException>(() => fixture.Channel.UnaryAsync(EchoServerFixture.Lookup, new LookupRequest { Key = "absent" }));

        Assert.Contains(counts, c => c is { Value: 1, Method: "/profilehub.testing.v1.EchoService/Lookup", Status: "OK" });
        Assert.Contains(counts, c => c is { Value: 1, Method: "/profilehub.testing.v1.EchoService/Lookup", Status: "NotFound" });
        Assert.NotEmpty(durations);
        Assert.All(durations, d => Assert.InRange(d, 0, 10));
    }
}

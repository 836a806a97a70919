using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ProfileHub.Server.Observability;

namespace ProfileHub.Server.Tests.Observability;

public sealed class MetricsCollectorTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public void Dispose() => _services.Dispose();

    [Fact]
    public void Counters_get_total_names_and_one_series_per_label_set_with_escaped_values()
    {
        using var collector = Collector(["Test.Meter"]);
        var counter = Meter("Test.Meter").CreateCounter<long>("test.requests", unit: "{request}", description: "Requests\nby kind.");

        counter.Add(2, new KeyValuePair<string, object?>("kind", "a\"b"));
        counter.Add(3, new KeyValuePair<string, object?>("kind", "a\"b"));
        counter.Add(1, new KeyValuePair<string, object?>("kind", "c\\d"));
        var scrape = PrometheusScrape.Parse(collector.Scrape());

        Assert.Equal("counter", scrape.Types["test_requests_total"]);
        Assert.Equal(5, scrape.Value("test_requests_total", ("kind", "a\"b")));
        Assert.Equal(1, scrape.Value("test_requests_total", ("kind", "c\\d")));
        Assert.Contains("# HELP test_requests_total Requests\\nby kind.", collector.Scrape(), StringComparison.Ordinal);
    }

    [Fact]
    public void Histograms_in_seconds_have_cumulative_buckets_ending_in_inf_equal_to_count()
    {
        using var collector = Collector(["Test.Meter"]);
        var histogram = Meter("Test.Meter").CreateHistogram<double>("test.duration", unit: "s");

        foreach (var value in new[] { 0.0001, 0.0003, 0.001, 0.2, 30.0 })
        {
            histogram.Record(value, new KeyValuePair<string, object?>("method", "/x.Y/Z"));
        }

        var scrape = PrometheusScrape.Parse(collector.Scrape());
        Assert.Equal("histogram", scrape.Types["test_duration_seconds"]);
        var buckets = scrape.Series("test_duration_seconds_bucket").ToList();
        Assert.Equal(1, buckets.Single(b => b.Labels["le"] == "0.0001").Value);
        Assert.Equal(2, buckets.Single(b => b.Labels["le"] == "0.0005").Value);
        Assert.Equal(3, buckets.Single(b => b.Labels["le"] == "0.001").Value);
        Assert.Equal(4, buckets.Single(b => b.Labels["le"] == "10").Value);
        Assert.Equal(5, buckets.Single(b => b.Labels["le"] == "+Inf").Value);
        Assert.True(buckets.Select(b => b.Value).Zip(buckets.Select(b => b.Value).Skip(1)).All(p => p.First <= p.Second));
        Assert.Equal(5, scrape.Value("test_duration_seconds_count"));
        Assert.Equal(30.2014, scrape.Value("test_duration_seconds_sum"), 6);
    }

    [Fact]
    public void Observable_gauges_are_read_at_scrape_time()
    {
        using var collector = Collector(["Test.Meter"]);
        var state = 1;
        Meter("Test.Meter").CreateObservableGauge("test.circuit_state", () => new Measurement<int>(state, new KeyValuePair<string, object?>("endpoint", "r1")));

        Assert.Equal(1, PrometheusScrape.Parse(collector.Scrape()).Value("test_circuit_state", ("endpoint", "r1")));
        state = 2;
        Assert.Equal(2, PrometheusScrape.Parse(collector.Scrape()).Value("test_circuit_state", ("endpoint", "r1")));
    }

    [Fact]
    public void Meters_outside_the_export_list_and_meters_of_other_hosts_are_left_out()
    {
        using var collector = Collector(["Test.*"]);
        Meter("Other.Meter").CreateCounter<long>("other_calls").Add(1);
        using var foreign = new ServiceCollection().AddMetrics().BuildServiceProvider();
        foreign.GetRequiredService<IMeterFactory>().Create("Test.Foreign").CreateCounter<long>("foreign_calls").Add(1);
        Meter("Test.Own").CreateCounter<long>("own_calls").Add(1);

        var scrape = PrometheusScrape.Parse(collector.Scrape());

        Assert.True(scrape.Types.ContainsKey("own_calls_total"));
        Assert.False(scrape.Types.ContainsKey("other_calls_total"));
        Assert.False(scrape.Types.ContainsKey("foreign_calls_total"));
    }

    [Fact]
    public void Label_sets_beyond_the_cap_are_dropped_and_counted()
    {
        using var collector = Collector(["Test.Meter"], maxSeries: 3);
        var counter = Meter("Test.Meter").CreateCounter<long>("test_ids");

        for (var i = 0; i < 10; i++)
        {
            counter.Add(1, new KeyValuePair<string, object?>("id", i));
        }

        var scrape = PrometheusScrape.Parse(collector.Scrape());
        Assert.Equal(3, scrape.Series("test_ids_total").Count());
        Assert.Equal(7, scrape.Value("profilehub_metrics_dropped_series_total"));
    }

    [Theory]
    [InlineData(null, null, "127.0.0.1")]
    [InlineData(null, "http://+:8080", "0.0.0.0")]
    [InlineData(null, "http://localhost:5000;http://10.1.2.3:5001", "127.0.0.1")]
    [InlineData(null, "http://[::1]:5000", "::1")]
    [InlineData("10.9.8.7", "http://127.0.0.1:5000", "10.9.8.7")]
    public void Metrics_bind_to_the_grpc_host_unless_an_address_is_configured(string? configured, string? urls, string expected)
    {
        Assert.Equal(expected, MetricsListenAddress.Resolve(configured, urls).ToString());
    }

    private Meter Meter(string name) => _services.GetRequiredService<IMeterFactory>().Create(name);

    private MetricsCollector Collector(List<string> meters, int maxSeries = 100) =>
        new(_services.GetRequiredService<IMeterFactory>(), Options.Create(new MetricsOptions { Meters = meters, MaxSeriesPerInstrument = maxSeries }));
}

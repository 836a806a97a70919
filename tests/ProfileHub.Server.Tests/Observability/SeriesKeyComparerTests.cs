using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ProfileHub.Server.Observability;

namespace ProfileHub.Server.Tests.Observability;

public sealed class SeriesKeyComparerTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public void Dispose() => _services.Dispose();

    public static TheoryData<KeyValuePair<string, object?>[]> TagSets => new()
    {
        Array.Empty<KeyValuePair<string, object?>>(),
        new[] { Tag("level", "memory") },
        new[] { Tag("method", "/p.S/M"), Tag("status", "OK") },
        new[] { Tag("status", "OK"), Tag("method", "/p.S/M") },
        new[] { Tag("b", 2), Tag("a", true), Tag("c", null) },
        new[] { Tag("k", "a\u0001b"), Tag("k2", "") },
    };

    [Theory]
    [MemberData(nameof(TagSets))]
    public void Raw_tags_hash_and_compare_equal_to_the_series_key_built_from_them(KeyValuePair<string, object?>[] tags)
    {
        var comparer = SeriesKeyComparer.Instance;
        var key = LabelSet.KeyOf(tags);

        Assert.Equal(comparer.GetHashCode(key), comparer.GetHashCode(new MeasurementTags(tags)));
        Assert.True(comparer.Equals(new MeasurementTags(tags), key));
        Assert.Equal(key, comparer.Create(new MeasurementTags(tags)));
    }

    [Fact]
    public void Tags_differing_in_a_value_or_a_key_do_not_match_the_key()
    {
        var comparer = SeriesKeyComparer.Instance;
        var key = LabelSet.KeyOf([Tag("method", "/p.S/M"), Tag("status", "OK")]);

        Assert.False(comparer.Equals(new MeasurementTags([Tag("method", "/p.S/M"), Tag("status", "NotFound")]), key));
        Assert.False(comparer.Equals(new MeasurementTags([Tag("method", "/p.S/M"), Tag("state", "OK")]), key));
        Assert.False(comparer.Equals(new MeasurementTags([Tag("method", "/p.S/M")]), key));
        Assert.False(comparer.Equals(new MeasurementTags([Tag("method", "/p.S/M"), Tag("status", "OK"), Tag("x", "y")]), key));
        Assert.False(comparer.Equals(new MeasurementTags([Tag("method", "/p.S/M"), Tag("method", "/p.S/M")]), key));
        Assert.False(comparer.Equals(new MeasurementTags([]), key));
    }

    [Fact]
    public void A_key_built_from_a_repeated_tag_is_not_matched_by_distinct_tags()
    {
        var comparer = SeriesKeyComparer.Instance;
        var repeated = LabelSet.KeyOf([Tag("a", "1"), Tag("a", "1")]);

        Assert.False(comparer.Equals(new MeasurementTags([Tag("a", "1"), Tag("b", "2")]), repeated));
        Assert.True(comparer.Equals(new MeasurementTags([Tag("a", "1"), Tag("a", "1")]), repeated));
    }

    [Fact]
    public void Tags_given_in_either_order_add_to_one_series()
    {
        using var collector = Collector();
        var counter = Meter().CreateCounter<long>("test.calls");

        counter.Add(1, Tag("method", "/p.S/M"), Tag("status", "OK"));
        counter.Add(2, Tag("status", "OK"), Tag("method", "/p.S/M"));
        var scrape = PrometheusScrape.Parse(collector.Scrape());

        Assert.Equal(3, scrape.Value("test_calls_total", ("method", "/p.S/M"), ("status", "OK")));
        Assert.Single(scrape.Series("test_calls_total"));
    }

    [Fact]
    public void Recording_into_an_existing_series_allocates_nothing()
    {
        using var collector = Collector();
        var counter = Meter().CreateCounter<long>("test.calls");
        var histogram = Meter().CreateHistogram<double>("test.duration", unit: "s");
        var method = Tag("method", "/p.S/M");
        var status = Tag("status", "OK");
        counter.Add(1, method, status);
        histogram.Record(0.001, method, status);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++)
        {
            counter.Add(1, method, status);
            histogram.Record(0.001, method, status);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(1_001, PrometheusScrape.Parse(collector.Scrape()).Value("test_calls_total", ("method", "/p.S/M"), ("status", "OK")));
    }

    [Fact]
    public void Recording_with_a_numeric_tag_like_kestrels_server_port_allocates_nothing_and_keeps_one_series()
    {
        using var collector = Collector();
        var queued = Meter().CreateUpDownCounter<long>("test.queued");
        // Boxed once, as a TagList boxes the port: the series must be found by formatting it, not by reference.
        var tags = new[] { Tag("network.protocol.name", "http"), Tag("network.protocol.version", "2"), Tag("server.address", "127.0.0.1"), Tag("server.port", 5000) };
        queued.Add(1, tags);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++)
        {
            queued.Add(1, tags);
            queued.Add(-1, tags);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        queued.Add(1, Tag("server.port", 5000), Tag("server.address", "127.0.0.1"), Tag("network.protocol.version", "2"), Tag("network.protocol.name", "http"));
        var scrape = PrometheusScrape.Parse(collector.Scrape());
        Assert.Single(scrape.Series("test_queued"));
        Assert.Equal(2, scrape.Value("test_queued", ("network_protocol_name", "http"), ("network_protocol_version", "2"), ("server_address", "127.0.0.1"), ("server_port", "5000")));
    }

    [Fact]
    public void Measurements_alternating_between_series_on_one_thread_each_reach_their_own_series_without_allocating()
    {
        using var collector = Collector();
        var counter = Meter().CreateCounter<long>("test.calls");
        var ok = new[] { Tag("method", "/p.S/M"), Tag("status", "OK") };
        var notFound = new[] { Tag("method", "/p.S/M"), Tag("status", "NOT_FOUND") };
        var port = new[] { Tag("server.port", 5000) };
        counter.Add(1, ok);
        counter.Add(1, notFound);
        counter.Add(1, port);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++)
        {
            counter.Add(1, ok);
            counter.Add(2, notFound);
            counter.Add(3, port);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        var scrape = PrometheusScrape.Parse(collector.Scrape());
        Assert.Equal(1_001, scrape.Value("test_calls_total", ("method", "/p.S/M"), ("status", "OK")));
        Assert.Equal(2_001, scrape.Value("test_calls_total", ("method", "/p.S/M"), ("status", "NOT_FOUND")));
        Assert.Equal(3_001, scrape.Value("test_calls_total", ("server_port", "5000")));
    }

    [Fact]
    public void Equal_tags_in_other_instances_or_another_order_reach_the_series_the_last_measurement_used()
    {
        using var collector = Collector();
        var counter = Meter().CreateCounter<long>("test.calls");
        counter.Add(1, Tag("method", "/p.S/M"), Tag("status", "OK"), Tag("port", 5000));

        // Same text in new string instances, a newly boxed number, then the same tags reordered.
        counter.Add(1, Tag(new string("method".AsSpan()), new string("/p.S/M".AsSpan())), Tag("status", new string("OK".AsSpan())), Tag("port", 5000));
        counter.Add(1, Tag("port", 5000), Tag("status", "OK"), Tag("method", "/p.S/M"));
        counter.Add(1, Tag("method", "/p.S/M"), Tag("status", "OK"), Tag("port", 5001));
        counter.Add(1, Tag("method", "/p.S/M"), Tag("status", "OK"), Tag("port", 5000L));

        var scrape = PrometheusScrape.Parse(collector.Scrape());
        Assert.Equal(4, scrape.Value("test_calls_total", ("method", "/p.S/M"), ("port", "5000"), ("status", "OK")));
        Assert.Equal(1, scrape.Value("test_calls_total", ("method", "/p.S/M"), ("port", "5001"), ("status", "OK")));
        Assert.Equal(2, scrape.Series("test_calls_total").Count());
    }

    private static KeyValuePair<string, object?> Tag(string key, object? value) => new(key, value);

    private Meter Meter() => _services.GetRequiredService<IMeterFactory>().Create("Test.Series");

    private MetricsCollector Collector() =>
        new(_services.GetRequiredService<IMeterFactory>(), Options.Create(new MetricsOptions { Meters = ["Test.Series"], MaxSeriesPerInstrument = 100 }));
}

using Google.Protobuf;
using ProfileHub.Grpc.Client;
using ProfileHub.Grpc.Tests.Infrastructure;
using ProfileHub.Grpc.TestHost;

namespace ProfileHub.Grpc.Tests.EndToEnd;

public class UnaryCallTests(EchoServerFixture fixture) : IClassFixture<EchoServerFixture>
{
    private readonly GrpcChannel _channel = fixture.Channel;

    [Fact]
    public async Task Echo_returns_the_message_and_payload()
    {
        var response = await _channel.UnaryAsync(EchoServerFixture.Echo, new EchoRequest { Message = "hello", Payload = ByteString.CopyFrom(1, 2, 3) });

        Assert.Equal("hello", response.Message);
        Assert.Equal(new byte[] { 1, 2, 3 }, response.Payload.ToByteArray());
    }

    [Fact]
    public async Task Lookup_finds_known_keys_and_answers_not_found_for_others()
    {
        var found = await _channel.UnaryAsync(EchoServerFixture.Lookup, new LookupRequest { Key = "key:999" });
        var missing = await Assert.ThrowsAsync<RpcException>(() => _channel.UnaryAsync(EchoServerFixture.Lookup, new LookupRequest { Key = "key:1000" }));

        Assert.Equal("value:999", found.Value);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
    }

    public static TheoryData<int> ErrorCodes() => new(Enumerable.Range(1, 16));

    [Theory]
    [MemberData(nameof(ErrorCodes))]
    public async Task Every_error_status_reaches_the_client_with_its_detail(int code)
    {
        var detail = $"failure {code}: 100% ünïcode ✓";

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            _channel.UnaryAsync(EchoServerFixture.Echo, new EchoRequest { StatusCode = code, StatusMessage = detail }));

        Assert.Equal((StatusCode)code, error.StatusCode);
        Assert.Equal(detail, error.Status.Detail);
    }

    [Fact]
    public async Task Metadata_round_trips_as_headers_trailers_and_received_values_including_binary()
    {
        var binary = new byte[] { 0, 1, 2, 250, 255 };
        var headers = new Metadata
        {
            { "x-echo-greeting", "hi" },
            { "x-echo-blob-bin", binary },
            { "x-trailer-note", "bye" },
            { "x-trailer-raw-bin", new byte[] { 7 } },
            { "x-plain", "value" },
        };

        var result = await _channel.UnaryCallAsync(EchoServerFixture.Echo, new EchoRequest { Message = "m" }, new CallOptions(Headers: headers));

        Assert.Equal("hi", result.ResponseHeaders.GetValue("x-echo-greeting"));
        Assert.Equal(binary, result.ResponseHeaders.GetBytes("x-echo-blob-bin"));
        Assert.Equal("bye", result.Trailers.GetValue("x-trailer-note"));
        Assert.Equal(new byte[] { 7 }, result.Trailers.GetBytes("x-trailer-raw-bin"));
        Assert.Equal("value", result.Response.ReceivedMetadata["x-plain"]);
        Assert.Equal(Convert.ToBase64String(binary), result.Response.ReceivedMetadata["x-echo-blob-bin"]);
        Assert.DoesNotContain("content-type", result.Response.ReceivedMetadata.Keys);
        Assert.DoesNotContain("te", result.Response.ReceivedMetadata.Keys);
        Assert.Equal(StatusCode.OK, result.Status.Code);
    }

    [Fact]
    public async Task Empty_metadata_values_round_trip_in_headers_and_trailers()
    {
        var headers = new Metadata
        {
            { "x-echo-empty", "" },
            { "x-echo-empty-bin", Array.Empty<byte>() },
            { "x-trailer-empty", "" },
            { "x-trailer-empty-bin", Array.Empty<byte>() },
        };

        var result = await _channel.UnaryCallAsync(EchoServerFixture.Echo, new EchoRequest(), new CallOptions(Headers: headers));

        Assert.Equal("", result.ResponseHeaders.GetValue("x-echo-empty"));
        Assert.Equal(Array.Empty<byte>(), result.ResponseHeaders.GetBytes("x-echo-empty-bin"));
        Assert.Equal("", result.Trailers.GetValue("x-trailer-empty"));
        Assert.Equal(Array.Empty<byte>(), result.Trailers.GetBytes("x-trailer-empty-bin"));
    }

    [Fact]
    public async Task Trailers_are_kept_when_the_call_fails()
    {
        var headers = new Metadata { { "x-trailer-reason", "because" } };

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            _channel.UnaryAsync(EchoServerFixture.Echo, new EchoRequest { StatusCode = (int)StatusCode.FailedPrecondition }, new CallOptions(Headers: headers)));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal("because", error.Trailers.GetValue("x-trailer-reason"));
    }

    [Fact]
    public async Task A_passed_deadline_fails_with_deadline_exceeded_and_the_server_sees_a_cancelled_token()
    {
        var probeId = Guid.NewGuid().ToString("N");
        var started = DateTime.UtcNow;

        var error = await Assert.ThrowsAsync<RpcException>(() => _channel.UnaryAsync(
            EchoServerFixture.Echo,
            new EchoRequest { DelayMs = 10_000 },
            new CallOptions(Headers: new Metadata { { CallProbe.Header, probeId } }, Deadline: DateTime.UtcNow.AddMilliseconds(300))));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5));
        var record = fixture.Probe.For(probeId);
        await record.Finished.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(record.TokenCancelledAtEnd);
    }

    [Fact]
    public async Task A_deadline_already_in_the_past_fails_without_calling_the_server()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            _channel.UnaryAsync(EchoServerFixture.Echo, new EchoRequest(), new CallOptions(Deadline: DateTime.UtcNow.AddSeconds(-1))));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
    }

    [Fact]
    public async Task Client_cancellation_fails_with_cancelled_and_cancels_the_server_handler()
    {
        var probeId = Guid.NewGuid().ToString("N");
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var error = await Assert.ThrowsAsync<RpcException>(() => _channel.UnaryAsync(
            EchoServerFixture.Echo,
            new EchoRequest { DelayMs = 10_000 },
            new CallOptions(Headers: new Metadata { { CallProbe.Header, probeId } }, CancellationToken: cancellation.Token)));

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        var record = fixture.Probe.For(probeId);
        await record.Finished.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(record.TokenCancelledAtEnd);
    }

    [Fact]
    public async Task Interceptors_run_in_registration_order_around_the_handler()
    {
        var probeId = Guid.NewGuid().ToString("N");

        await _channel.UnaryAsync(EchoServerFixture.Echo, new EchoRequest(), new CallOptions(Headers: new Metadata { { CallProbe.Header, probeId } }));

        var record = fixture.Probe.For(probeId);
        await record.Finished.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(new[] { "outer:before", "inner:before", "inner:after", "outer:after" }, record.Steps);
    }

    [Fact]
    public async Task Many_concurrent_calls_share_the_channel()
    {
        var calls = Enumerable.Range(0, 200).Select(i => _channel.UnaryAsync(EchoServerFixture.Lookup, new LookupRequest { Key = "key:" + i }));

        var responses = await Task.WhenAll(calls);

        Assert.Equal(Enumerable.Range(0, 200).Select(i => "value:" + i), responses.Select(r => r.Value));
    }
}

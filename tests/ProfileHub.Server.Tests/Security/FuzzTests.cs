using System.Net;
using System.Net.Http.Headers;
using ProfileHub.Contracts;
using ProfileHub.Contracts.V1;
using ProfileHub.Grpc;
using ProfileHub.Grpc.Client;
using Xunit.Abstractions;

namespace ProfileHub.Server.Tests.Security;

/// <summary>
/// Thousands of random and mutated payloads and malformed frames to every method, over raw HTTP/2:
/// each must be answered with a proper grpc-status (INTERNAL only for a named protocol violation), and the
/// server must stay healthy.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    private const int Cases = 3_000;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(60);

    private static readonly HashSet<StatusCode> Expected =
    [
        StatusCode.OK, StatusCode.InvalidArgument, StatusCode.ResourceExhausted, StatusCode.NotFound,
        StatusCode.Unimplemented, StatusCode.FailedPrecondition, StatusCode.DeadlineExceeded,
    ];

    // The transport's protocol-violation details (ProfileHub.Grpc.Internal.ProtocolViolations): the gRPC
    // HTTP/2 spec answers framing faults with INTERNAL, so INTERNAL passes only with one of these texts.
    // The generic "Internal error; see server log" answer is always a failure.
    private static readonly HashSet<string> ProtocolViolationDetails =
    [
        "Request did not contain a message.",
        "Request ended in the middle of a message.",
        "Request contained more than one message for a method that takes one.",
        "Invalid compressed flag in message frame.",
        "Request message is flagged compressed but the request has no grpc-encoding.",
        "Message flagged compressed could not be decompressed with gzip.",
    ];

    [Fact]
    public async Task Every_fuzzed_request_gets_an_expected_status_and_the_server_stays_serving()
    {
        await using var server = await SecurityServer.StartAsync(new Dictionary<string, string> { ["ProfileHub__Auth__Mode"] = "none" });
        using var http = new HttpClient(new SocketsHttpHandler { EnableMultipleHttp2Connections = true })
        {
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        // PROFILEHUB_FUZZ_SEED replays a reported run.
        var seed = int.TryParse(Environment.GetEnvironmentVariable("PROFILEHUB_FUZZ_SEED"), out var fixedSeed) ? fixedSeed : Environment.TickCount;
        var generator = new FuzzCaseGenerator(seed);
        var methods = MethodCatalog.Names.ToArray();
        var cases = Enumerable.Range(0, Cases).Select(i => generator.Next(methods[i % methods.Length])).ToArray();
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        var sent = 0;
        using var budget = new CancellationTokenSource(Budget);

        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = budget.Token }, async (fuzz, ct) =>
        {
            var (status, detail) = await SendAsync(http, server.Address, fuzz, ct);
            Interlocked.Increment(ref sent);
            var acceptable = IsAcceptable(status, detail);
            if (!acceptable)
            {
                failures.Add($"{fuzz.Method} {fuzz.Kind}: {status?.ToString() ?? "no grpc-status"} \"{detail}\" body={Convert.ToHexString(fuzz.Body[..Math.Min(fuzz.Body.Length, 48)])}");
            }
        });

        using var channel = GrpcChannel.ForAddress(server.Address);
        var health = await channel.UnaryAsync(
            Method<global::Grpc.Health.V1.HealthCheckRequest, global::Grpc.Health.V1.HealthCheckResponse>.Create(global::Grpc.Health.V1.HealthReflection.Descriptor.Services[0], "Check"),
            new global::Grpc.Health.V1.HealthCheckRequest());
        var stages = await channel.UnaryAsync(ProfileHubMethods.ListStages, new ListStagesRequest());

        output.WriteLine($"fuzz seed {seed}: {sent} cases sent, {failures.Count} failures");
        foreach (var group in failures.GroupBy(f => f.Split('"')[0]).OrderByDescending(g => g.Count()))
        {
            output.WriteLine($"  {group.Count(),5} × {group.Key} e.g. {group.First()}");
        }

        Assert.Equal(Cases, sent);
        Assert.False(server.HasExited);
        Assert.Equal(global::Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
        Assert.NotEmpty(stages.Stages);
        Assert.Empty(failures);
    }

    private static bool IsAcceptable(StatusCode? status, string detail) =>
        status is { } code && (Expected.Contains(code) || (code == StatusCode.Internal && ProtocolViolationDetails.Contains(detail)));

    private static async Task<(StatusCode? Status, string Detail)> SendAsync(HttpClient http, string address, FuzzCase fuzz, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, address + MethodCatalog.Requests[fuzz.Method].Path)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = fuzz.SplitAcrossFrames ? new SplitContent(fuzz.Body) : new ByteArrayContent(fuzz.Body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TryAddWithoutValidation("te", "trailers");
        request.Headers.TryAddWithoutValidation("grpc-timeout", fuzz.Method == "WatchStageChanges" ? "300m" : "10S");
        if (fuzz.Encoding is not null)
        {
            request.Headers.TryAddWithoutValidation("grpc-encoding", fuzz.Encoding);
        }

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.Headers.TryGetValues("grpc-status", out var headerStatus))
        {
            return (Parse(headerStatus.First()), Message(response.Headers));
        }

        await using (var body = await response.Content.ReadAsStreamAsync(cancellationToken))
        {
            await body.CopyToAsync(Stream.Null, cancellationToken);
        }

        return response.TrailingHeaders.TryGetValues("grpc-status", out var trailerStatus)
            ? (Parse(trailerStatus.First()), Message(response.TrailingHeaders))
            : (null, $"HTTP {(int)response.StatusCode}");
    }

    private static StatusCode? Parse(string value) => int.TryParse(value, out var code) ? (StatusCode)code : null;

    private static string Message(HttpHeaders headers) =>
        headers.TryGetValues("grpc-message", out var values) ? Uri.UnescapeDataString(values.First()) : "";

    /// <summary>Sends the body a few bytes per HTTP/2 DATA frame (a flush after each piece).</summary>
    private sealed class SplitContent(byte[] body) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (var offset = 0; offset < body.Length; offset += 3)
            {
                await stream.WriteAsync(body.AsMemory(offset, Math.Min(3, body.Length - offset)));
                await stream.FlushAsync();
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }
}

using System.Collections.Frozen;
using System.Globalization;
using Google.Protobuf;
using ProfileHub.Grpc;

namespace ProfileHub.Grpc.TestHost;

/// <summary>profilehub.testing.v1.EchoService, exactly as the comments in echo.proto describe it.</summary>
public sealed class EchoService
{
    private const string EchoHeaderPrefix = "x-echo-";
    private const string TrailerPrefix = "x-trailer-";

    private static readonly FrozenDictionary<string, LookupResponse> LookupTable = Enumerable.Range(0, 1000)
        .ToFrozenDictionary(
            i => "key:" + i.ToString(CultureInfo.InvariantCulture),
            i => new LookupResponse { Value = "value:" + i.ToString(CultureInfo.InvariantCulture) });

    public async Task<EchoResponse> Echo(EchoRequest request, ServerCallContext context)
    {
        await SendEchoedMetadataAsync(context);
        if (request.DelayMs > 0)
        {
            await Task.Delay(request.DelayMs, context.CancellationToken);
        }

        if (request.StatusCode != 0)
        {
            throw new RpcException(new Status((StatusCode)request.StatusCode, request.StatusMessage));
        }

        var response = new EchoResponse { Message = request.Message, Payload = request.Payload };
        foreach (var entry in context.RequestHeaders)
        {
            response.ReceivedMetadata[entry.Key] = entry.IsBinary ? Convert.ToBase64String(entry.ValueBytes) : entry.Value;
        }

        return response;
    }

    public async Task ServerStream(StreamRequest request, IServerStreamWriter<EchoResponse> responseStream, ServerCallContext context)
    {
        await SendEchoedMetadataAsync(context);
        var payload = ByteString.CopyFrom(new byte[Math.Max(0, request.PayloadSize)]);
        var failAt = request.FailAfter > 0 ? Math.Min(request.FailAfter, request.Count) : -1;
        for (var i = 0; i < request.Count; i++)
        {
            if (i == failAt)
            {
                break;
            }

            if (i > 0 && request.IntervalMs > 0)
            {
                await Task.Delay(request.IntervalMs, context.CancellationToken);
            }

            await responseStream.WriteAsync(new EchoResponse { Message = i.ToString(CultureInfo.InvariantCulture), Payload = payload, Count = i + 1 }, context.CancellationToken);
        }

        if (request.FailAfter > 0)
        {
            var code = request.StatusCode == 0 ? StatusCode.Unknown : (StatusCode)request.StatusCode;
            throw new RpcException(new Status(code, request.StatusMessage));
        }
    }

    public async Task<EchoResponse> ClientStream(IAsyncStreamReader<EchoRequest> requestStream, ServerCallContext context)
    {
        await SendEchoedMetadataAsync(context);
        var messages = new List<string>();
        await foreach (var request in requestStream.ReadAllAsync(context.CancellationToken))
        {
            messages.Add(request.Message);
        }

        return new EchoResponse { Message = string.Join(",", messages), Count = messages.Count };
    }

    public async Task Bidi(IAsyncStreamReader<EchoRequest> requestStream, IServerStreamWriter<EchoResponse> responseStream, ServerCallContext context)
    {
        await SendEchoedMetadataAsync(context);
        var count = 0;
        await foreach (var request in requestStream.ReadAllAsync(context.CancellationToken))
        {
            count++;
            await responseStream.WriteAsync(new EchoResponse { Message = request.Message, Payload = request.Payload, Count = count }, context.CancellationToken);
        }
    }

    public Task<LookupResponse> Lookup(LookupRequest request, ServerCallContext context) =>
        LookupTable.TryGetValue(request.Key, out var response)
            ? Task.FromResult(response)
            : Task.FromException<LookupResponse>(new RpcException(new Status(StatusCode.NotFound, "Unknown key.")));

    /// <summary>x-echo-* request metadata goes back as response headers, x-trailer-* as trailers.</summary>
    private static async Task SendEchoedMetadataAsync(ServerCallContext context)
    {
        Metadata? headers = null;
        foreach (var entry in context.RequestHeaders)
        {
            if (entry.Key.StartsWith(EchoHeaderPrefix, StringComparison.Ordinal))
            {
                headers ??= [];
                Copy(entry, headers);
            }
            else if (entry.Key.StartsWith(TrailerPrefix, StringComparison.Ordinal))
            {
                Copy(entry, context.ResponseTrailers);
            }
        }

        if (headers is not null)
        {
            await context.WriteResponseHeadersAsync(headers);
        }
    }

    private static void Copy(MetadataEntry entry, Metadata target)
    {
        if (entry.IsBinary)
        {
            target.Add(entry.Key, entry.ValueBytes);
        }
        else
        {
            target.Add(entry.Key, entry.Value);
        }
    }
}

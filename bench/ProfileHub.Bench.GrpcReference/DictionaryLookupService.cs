using Grpc.Core;
using ProfileHub.Grpc.TestHost;

namespace ProfileHub.Bench.GrpcReference;

/// <summary>
/// EchoService.Lookup exactly as the TestHost answers it (1,000 keys "key:N" → "value:N", NOT_FOUND otherwise);
/// the other EchoService methods keep the generated base's UNIMPLEMENTED answer because the benchmark never calls them.
/// </summary>
public sealed class DictionaryLookupService : EchoService.EchoServiceBase
{
    private static readonly Dictionary<string, string> Values =
        Enumerable.Range(0, 1000).ToDictionary(i => "key:" + i, i => "value:" + i, StringComparer.Ordinal);

    public override Task<LookupResponse> Lookup(LookupRequest request, ServerCallContext context) =>
        Values.TryGetValue(request.Key, out var value)
            ? Task.FromResult(new LookupResponse { Value = value })
            : throw new RpcException(new Status(StatusCode.NotFound, "no value for key"));
}

using ProfileHub.Contracts;
using ProfileHub.Contracts.V1;
using ProfileHub.Grpc;
using ProfileHub.Grpc.Client;

namespace ProfileHub.Server.Tests.Security;

/// <summary>Per-caller token buckets: a caller past its burst gets RESOURCE_EXHAUSTED with retry information.</summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task A_caller_past_its_burst_is_told_when_to_retry_and_other_callers_are_unaffected()
    {
        var environment = TestCredentials.SecuredEnvironment("apikey");
        environment["ProfileHub__RateLimit__Enabled"] = "true";
        environment["ProfileHub__RateLimit__PermitsPerSecond"] = "1";
        environment["ProfileHub__RateLimit__Burst"] = "5";
        await using var server = await SecurityServer.StartAsync(environment);
        using var channel = GrpcChannel.ForAddress(server.Address);
        var reader = Bearer(TestCredentials.ReaderKey);

        var statuses = new List<StatusCode>();
        RpcException? refused = null;
        for (var i = 0; i < 8; i++)
        {
            try
            {
                await channel.UnaryAsync(ProfileHubMethods.ListStages, new ListStagesRequest(), reader);
                statuses.Add(StatusCode.OK);
            }
            catch (RpcException e)
            {
                statuses.Add(e.StatusCode);
                refused ??= e;
            }
        }

        var everything = await channel.UnaryAsync(ProfileHubMethods.ListStages, new ListStagesRequest(), Bearer(TestCredentials.AllScopesKey));

        Assert.True(statuses.Count(s => s == StatusCode.OK) is >= 5 and <= 6, string.Join(",", statuses));
        Assert.Equal(StatusCode.ResourceExhausted, statuses[^1]);
        Assert.NotNull(refused);
        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        Assert.Contains("rate limit exceeded for caller apikey:reader", refused.Status.Detail, StringComparison.Ordinal);
        var retryAfter = long.Parse(refused.Trailers.GetValue("retry-after-ms")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 1000);
        Assert.NotEmpty(everything.Stages);
    }

    [Fact]
    public async Task Refused_unauthenticated_calls_do_not_spend_a_callers_tokens()
    {
        var environment = TestCredentials.SecuredEnvironment("apikey");
        environment["ProfileHub__RateLimit__Enabled"] = "true";
        environment["ProfileHub__RateLimit__PermitsPerSecond"] = "1";
        environment["ProfileHub__RateLimit__Burst"] = "2";
        await using var server = await SecurityServer.StartAsync(environment);
        using var channel = GrpcChannel.ForAddress(server.Address);

        for (var i = 0; i < 5; i++)
        {
            var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(ProfileHubMethods.ListStages, new ListStagesRequest()));
            Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        }

        var stages = await channel.UnaryAsync(ProfileHubMethods.ListStages, new ListStagesRequest(), Bearer(TestCredentials.ReaderKey));
        Assert.NotEmpty(stages.Stages);
    }

    private static CallOptions Bearer(string token) => new(Headers: new Metadata { { "authorization", "Bearer " + token } });
}

using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ProfileHub.Testing;

namespace ProfileHub.Server.Tests.Infrastructure;

/// <summary>The test fixture that starts the server binary tells a lost port race from a real start-up failure.</summary>
public sealed class ServerProcessStartTests
{
    [Fact]
    public async Task A_start_whose_port_stays_taken_is_retried_and_then_reported_with_the_reason()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
        var options = new ProfileHubServerOptions { Environment = new Dictionary<string, string> { ["ProfileHub__Metrics__Port"] = port } };

        // Every attempt gets the same taken metrics port here, so the retries cannot help and the last failure surfaces.
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => ProfileHubServerProcess.StartAsync(options));

        Assert.Contains("taken on each of 3 attempts", failure.Message, StringComparison.Ordinal);
        Assert.Contains("address already in use", failure.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(port, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_start_that_fails_for_another_reason_is_not_retried()
    {
        var options = new ProfileHubServerOptions { Environment = new Dictionary<string, string> { ["ProfileHub__Storage__MaxGroupCommitRecords"] = "0" } };

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => ProfileHubServerProcess.StartAsync(options));

        Assert.Contains("MaxGroupCommitRecords", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("attempts", failure.Message, StringComparison.Ordinal);
    }
}

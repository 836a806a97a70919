using System.Globalization;
using ProfileHub.Server.Tests.Infrastructure;
using static ProfileHub.Server.Tests.Infrastructure.Records;

namespace ProfileHub.Server.Tests.Admin;

public sealed class QuarantineEndToEndTests
{
    [Fact]
    public async Task A_hot_identifier_is_quarantined_counted_and_no_longer_connects_evidence()
    {
        await using var server = await ProfileHubServerProcess.StartAsync(["--ProfileHub:Identity:Quarantine:MaxProfiles=1"]);
        var p = TestIds.NewPrefix();
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        var email = $"{p}-front-desk@example.com";
        var results = await server.Channel.IngestEachAsync(
        [
            Identify("crm", $"{p}-1", start, Id("crm_id", $"{p}-K1"), Id("email", email)),
            Identify("crm", $"{p}-2", start.AddMinutes(1), Id("email", email), Id("phone", "+14155550199")),
            Identify("crm", $"{p}-3", start.AddMinutes(2), Id("crm_id", $"{p}-K2"), Id("email", email)),
            Identify("crm", $"{p}-4", start.AddMinutes(3), Id("crm_id", $"{p}-K3"), Id("email", email)),
        ]);
        var owner = ByIdentifier("crm_id", $"{p}-K1");
        Assert.Equal(results[0].ProfileId, results[1].ProfileId);

        var explained = await server.Channel.ExplainAsync(owner);
        Assert.True(explained.Identifiers.Single(i => i.Identifier.Type == "email").Shared);
        var viaQuarantined = await server.Channel.ExplainAsync(owner, Id("crm_id", $"{p}-K1"), Id("phone", "+14155550199"));
        Assert.False(viaQuarantined.Connected);
        Assert.Empty(viaQuarantined.Path);
        var direct = await server.Channel.ExplainAsync(owner, Id("crm_id", $"{p}-K1"), Id("email", email));
        Assert.True(direct.Connected);

        // The quarantined email no longer links: a new person carrying it gets a profile of their own.
        var later = await server.Channel.IngestAsync(Identify("web", $"{p}-5", start.AddMinutes(4), Id("email", email), Id("user_id", $"{p}-U")));
        Assert.NotEqual(results[0].ProfileId, later.Results[0].ProfileId);

        using var http = new HttpClient();
        var metrics = await http.GetStringAsync($"http://127.0.0.1:{server.MetricsPort.ToString(CultureInfo.InvariantCulture)}/metrics");
        var line = metrics.Split('\n').FirstOrDefault(l => l.StartsWith("profilehub_quarantined_identifiers", StringComparison.Ordinal));
        Assert.NotNull(line);
        Assert.EndsWith(" 1", line.Trim(), StringComparison.Ordinal);
        Assert.Contains("quarantined from linking", server.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(email, server.Output, StringComparison.Ordinal);
    }
}

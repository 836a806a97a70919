using System.Text.Json;
using System.Text.RegularExpressions;
using ProfileHub.Cli.Tests.Infrastructure;

namespace ProfileHub.Cli.Tests;

[Collection(SamplesCollection.Name)]
public sealed partial class FunnelAndFeedCommandTests(IngestedSamplesFixture samples)
{
    private static readonly string[] Stages = ["awareness", "consideration", "decision", "onboarding", "adoption", "advocacy"];

    [Fact]
    public async Task Funnel_table_lists_the_six_stages_in_order_with_shrinking_reach()
    {
        var result = await samples.RunAsync("funnel");

        Assert.True(result.ExitCode == 0, result.ToString());
        var rows = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^STAGE\s+REACHED\s+CONVERTED\s+CONVERSION\s+DROP-OFF\s+MEDIAN TO NEXT\s+P90 TO NEXT$", rows[0]);
        var stageRows = rows.Skip(2).Take(Stages.Length).Select(r => Row().Match(r)).ToList();
        Assert.All(stageRows, m => Assert.True(m.Success));
        Assert.Equal(Stages, stageRows.Select(m => m.Groups["stage"].Value));
        var reached = stageRows.Select(m => long.Parse(m.Groups["reached"].Value.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(reached.SequenceEqual(reached.OrderByDescending(r => r)), string.Join(",", reached));
        Assert.True(reached[^1] > 0, "the samples contain advocates");
        Assert.Matches(@"(?m)^profiles: [\d,]+$", result.Stdout);
    }

    [Fact]
    public async Task Funnel_json_has_every_stage_and_awareness_reached_by_every_profile_with_a_stage()
    {
        var result = await samples.RunAsync("funnel", "-o", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var funnel = JsonDocument.Parse(result.Stdout).RootElement;
        var stages = funnel.GetProperty("stages").EnumerateArray().ToList();
        Assert.Equal(Stages, stages.Select(s => s.GetProperty("stage").GetString()));
        Assert.Equal(stages[1].GetProperty("reached").GetString(), stages[0].GetProperty("converted").GetString());
    }

    [Fact]
    public async Task Funnel_rejects_a_window_that_is_not_a_time()
    {
        var result = await samples.RunAsync("funnel", "--from", "last tuesday");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--from", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changes_pages_through_the_feed_with_the_cursor_it_prints()
    {
        var first = await samples.RunAsync("changes", "--limit", "5");
        Assert.True(first.ExitCode == 0, first.ToString());
        var cursor = NextCursor().Match(first.Stdout).Groups[1].Value;
        Assert.NotEmpty(cursor);
        Assert.Equal(5, first.Stdout.Split('\n').Count(l => l.Contains("p_", StringComparison.Ordinal)));

        var second = await samples.RunAsync("changes", "--from", cursor, "--limit", "5", "-o", "json");
        Assert.True(second.ExitCode == 0, second.ToString());
        var page = JsonDocument.Parse(second.Stdout).RootElement;
        var cursors = page.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("cursor").GetString()).ToList();
        Assert.Equal(5, cursors.Count);
        Assert.DoesNotContain(cursor, cursors);
        Assert.DoesNotContain(cursors, c => first.Stdout.Contains(c!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Watch_from_a_cursor_replays_later_changes_and_stops_after_count()
    {
        var first = await samples.RunAsync("changes", "--limit", "1", "-o", "json");
        var cursor = JsonDocument.Parse(first.Stdout).RootElement.GetProperty("nextCursor").GetString()!;

        var result = await samples.RunAsync("watch", "--from", cursor, "--stage", "advocacy", "--count", "2", "-o", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var changes = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(2, changes.Count);
        // Merges reach every watcher (profile ids change); stage changes only when they enter a watched stage.
        Assert.All(changes, c => Assert.True(
            c.GetProperty("type").GetString() == "CHANGE_TYPE_PROFILE_MERGED" || c.GetProperty("toStage").GetString() == "advocacy", c.ToString()));
        Assert.DoesNotContain(cursor, changes.Select(c => c.GetProperty("cursor").GetString()));
    }

    [Fact]
    public async Task Watch_prints_the_stage_change_an_nps_answer_causes_as_it_happens()
    {
        var (mobile, _, email) = SampleFacts.CrossDeviceSignUp(withoutPurchase: true);
        var watch = samples.RunAsync("watch", "--stage", "advocacy", "--count", "1");
        await Task.Delay(TimeSpan.FromSeconds(3));
        var file = Path.Combine(samples.Server.Directory, "nps.jsonl");
        await File.WriteAllTextAsync(file, $$$"""{"source":"support","record_id":"watch-nps-1","occurred_at":"2026-11-20T10:00:00Z","identifiers":[{"type":"email","value":"{{{email}}}"}],"event":"nps_submitted","properties":{"score":"10"}}""" + "\n");

        var ingest = await samples.RunAsync("ingest", file, "--quiet");
        var result = await watch.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(ingest.ExitCode == 0, ingest.ToString());
        Assert.True(result.ExitCode == 0, result.ToString());
        var profile = JsonDocument.Parse((await samples.RunAsync("stage", "device_id:" + mobile, "-o", "json")).Stdout).RootElement;
        Assert.Equal("advocacy", profile.GetProperty("stage").GetString());
        Assert.Matches(@"stage_changed\s+" + profile.GetProperty("profileId").GetString() + @"\s+\S+ -> advocacy\s+cursor=\S+$", result.Stdout.Trim());
    }

    [Fact]
    public async Task Changes_rejects_a_cursor_the_service_never_issued()
    {
        var result = await samples.RunAsync("changes", "--from", "not-a-cursor");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("cursor", result.Stderr, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^(?<stage>[a-z]+)\s+(?<reached>[\d,]+)\s+(?<converted>[\d,]+)\s+[\d.]+%\s+[\d.]+%\s+\S+\s+\S+$")]
    private static partial Regex Row();

    [GeneratedRegex(@"next cursor: (\S+)")]
    private static partial Regex NextCursor();
}

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
    public async Task Watch_from_a_cursor_replays_later_stage_changes_into_the_chosen_stage_and_stops_after_count()
    {
        var first = await samples.RunAsync("changes", "--limit", "1", "-o", "json");
        var cursor = JsonDocument.Parse(first.Stdout).RootElement.GetProperty("nextCursor").GetString()!;

        var result = await samples.RunAsync("watch", "--from", cursor, "--stage", "advocacy", "--count", "2");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.All(lines, l => Assert.Matches(@"stage_changed\s+p_[a-z2-7]{26}\s+\S+ -> advocacy\s+cursor=\S+$", l));
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

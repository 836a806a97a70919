using System.Text.Json;
using ProfileHub.Cli.Tests.Infrastructure;

namespace ProfileHub.Cli.Tests;

[Collection(SamplesCollection.Name)]
public sealed class IngestCommandTests(IngestedSamplesFixture samples)
{
    [Theory]
    [InlineData("crm_contacts.csv")]
    [InlineData("email_events.jsonl")]
    [InlineData("support_tickets.jsonl")]
    public void Clean_sample_files_ingest_with_exit_0_and_every_record_accounted_for(string file)
    {
        var result = samples.Ingested[file];
        Assert.True(result.ExitCode == 0, result.ToString());
        var summary = JsonDocument.Parse(result.Stdout).RootElement;
        var records = summary.GetProperty("records").GetInt64();
        Assert.Equal(SampleFacts.LineCount(file), records);
        var outcomes = new[] { "created", "attached", "merged", "duplicate", "rejected", "suppressed" }.Sum(k => summary.GetProperty(k).GetInt64());
        Assert.Equal(records, outcomes);
        Assert.Equal(0, summary.GetProperty("rejected").GetInt64());
        Assert.False(File.Exists(samples.RejectsFiles[file]), "a clean run leaves no rejects file");
    }

    [Fact]
    public void Web_events_with_crawler_hits_exit_4_and_list_each_rejected_line_with_its_reason()
    {
        var result = samples.Ingested["web_events.jsonl"];
        Assert.True(result.ExitCode == 4, result.ToString());
        var summary = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Equal(3, summary.GetProperty("rejected").GetInt64());
        Assert.True(summary.GetProperty("merged").GetInt64() > 0, "cross-device sign-ups merge anonymous profiles");

        var lines = File.ReadAllLines(samples.RejectsFiles["web_events.jsonl"]).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(3, lines.Count);
        var sampleLines = File.ReadAllLines(RepositoryLayout.Sample("web_events.jsonl"));
        foreach (var line in lines)
        {
            Assert.Contains("identifier", line.GetProperty("error").GetString(), StringComparison.Ordinal);
            var number = line.GetProperty("line").GetInt64();
            Assert.Equal(sampleLines[number - 1], line.GetProperty("raw").GetString());
            Assert.Contains("crawler", line.GetProperty("raw").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Ingesting_the_crm_file_again_reports_every_record_as_duplicate()
    {
        var result = await samples.RunAsync("ingest", RepositoryLayout.Sample("crm_contacts.csv"), "--output", "json", "--rejects", Path.Combine(samples.Server.Directory, "again.rejects.jsonl"));

        Assert.True(result.ExitCode == 0, result.ToString());
        var summary = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Equal(SampleFacts.LineCount("crm_contacts.csv"), summary.GetProperty("duplicate").GetInt64());
        Assert.Equal(0, summary.GetProperty("created").GetInt64() + summary.GetProperty("merged").GetInt64());
    }

    [Fact]
    public async Task Malformed_lines_are_rejected_locally_with_line_numbers_while_good_lines_are_committed()
    {
        var file = Path.Combine(samples.Server.Directory, "mixed.jsonl");
        await File.WriteAllLinesAsync(file,
        [
            """{"source":"web","record_id":"mixed-1","occurred_at":"2026-10-01T10:00:00Z","identifiers":[{"type":"device_id","value":"mixed-device-1"}],"event":"page_viewed"}""",
            """{"source":"web","record_id":"mixed-2","occurred_at":"yesterday","identifiers":[{"type":"device_id","value":"mixed-device-2"}]}""",
            "not json at all",
            "",
            """{"source":"web","record_id":"mixed-3","occurred_at":"2026-10-01T10:05:00+02:00","identifiers":[{"type":"emial","value":"x@example.com"}]}""",
        ]);

        var result = await samples.RunAsync("ingest", file, "--batch-size", "1", "--quiet");

        Assert.True(result.ExitCode == 4, result.ToString());
        Assert.Contains("mixed.jsonl", result.Stdout, StringComparison.Ordinal);
        var rejects = File.ReadAllLines(file + ".rejects.jsonl").Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal([2L, 3L, 5L], rejects.Select(r => r.GetProperty("line").GetInt64()));
        Assert.Contains("occurred_at", rejects[0].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("invalid JSON", rejects[1].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("emial", rejects[2].GetProperty("error").GetString(), StringComparison.Ordinal);

        var stage = await samples.RunAsync("stage", "device_id:mixed-device-1");
        Assert.True(stage.ExitCode == 0, stage.ToString());
        Assert.Contains("awareness", stage.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_is_a_usage_error()
    {
        var result = await samples.RunAsync("ingest", Path.Combine(samples.Server.Directory, "nope.jsonl"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("does not exist", result.Stderr, StringComparison.Ordinal);
    }
}

using System.Text.Json;
using ProfileHub.Cli.Tests.Infrastructure;

namespace ProfileHub.Cli.Tests;

[Collection(SamplesCollection.Name)]
public sealed class LookupCommandTests(IngestedSamplesFixture samples)
{
    [Fact]
    public async Task A_customer_who_gave_an_nps_of_9_or_more_is_an_advocate()
    {
        var result = await samples.RunAsync("stage", "email:" + SampleFacts.PromoterEmail());

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("PROFILE", lines[0], StringComparison.Ordinal);
        Assert.Matches(@"^p_[a-z2-7]{26}\s+advocacy\s+6\s", lines[2]);
    }

    [Fact]
    public async Task A_reader_who_only_opened_a_newsletter_is_in_awareness_and_json_output_says_so()
    {
        var result = await samples.RunAsync("stage", "esp_id:" + SampleFacts.OnlyOpenedEspId(), "--output", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var stage = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Equal("awareness", stage.GetProperty("stage").GetString());
        Assert.Equal(1, stage.GetProperty("stageOrder").GetInt32());
    }

    [Fact]
    public async Task An_anonymous_phone_that_signed_up_resolves_to_one_profile_with_the_desktop_email_and_login()
    {
        var (mobile, userId, email) = SampleFacts.CrossDeviceSignUp();

        var byDevice = await samples.RunAsync("get", "device_id:" + mobile, "--output", "json");
        var byEmail = await samples.RunAsync("get", "email:" + email.ToUpperInvariant(), "--output", "json");

        Assert.True(byDevice.ExitCode == 0, byDevice.ToString());
        Assert.True(byEmail.ExitCode == 0, byEmail.ToString());
        var profile = JsonDocument.Parse(byDevice.Stdout).RootElement;
        Assert.Equal(profile.GetProperty("profileId").GetString(), JsonDocument.Parse(byEmail.Stdout).RootElement.GetProperty("profileId").GetString());
        var identifiers = profile.GetProperty("identifiers").EnumerateArray().Select(i => (i.GetProperty("type").GetString(), i.GetProperty("value").GetString())).ToList();
        Assert.Contains(("user_id", userId), identifiers);
        Assert.Contains(("email", email), identifiers);
        Assert.Contains(identifiers, i => i.Item1 == "device_id" && i.Item2!.StartsWith("web-", StringComparison.Ordinal));
        Assert.True(profile.GetProperty("stageHistory").GetArrayLength() >= 2, "the anonymous history joined the person's journey");
    }

    [Fact]
    public async Task Get_prints_identifiers_traits_and_stage_history_as_tables()
    {
        var result = await samples.RunAsync("get", "crm_id:CRM-100689");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"(?m)^profile\s+p_[a-z2-7]{26}$", result.Stdout);
        Assert.Matches(@"(?m)^crm_id\s+CRM-100689\s", result.Stdout);
        Assert.Matches(@"(?m)^name\s+\S.*\s+crm\s", result.Stdout);
        Assert.Contains("stage history", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task People_who_logged_in_on_the_shared_kiosk_keep_separate_profiles()
    {
        var ids = new HashSet<string>();
        foreach (var user in SampleFacts.KioskUsers())
        {
            var result = await samples.RunAsync("stage", "user_id:" + user, "-o", "json");
            Assert.True(result.ExitCode == 0, result.ToString());
            ids.Add(JsonDocument.Parse(result.Stdout).RootElement.GetProperty("profileId").GetString()!);
        }

        Assert.Equal(SampleFacts.KioskUsers().Count, ids.Count);
    }

    [Fact]
    public async Task An_unknown_person_exits_2_and_says_not_found()
    {
        var result = await samples.RunAsync("stage", "email:nobody@nowhere.example");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("not found:", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [Theory]
    [InlineData("emial:ada@example.com")]
    [InlineData("email:")]
    public async Task A_malformed_id_exits_1(string id)
    {
        var result = await samples.RunAsync("get", id);

        Assert.Equal(1, result.ExitCode);
        Assert.NotEmpty(result.Stderr);
    }

    [Fact]
    public async Task Explain_either_shows_evidence_or_exits_6_when_the_server_lacks_the_admin_service()
    {
        var result = await samples.RunAsync("explain", "crm_id:CRM-100689");

        if (result.ExitCode == 6)
        {
            Assert.Contains("UNIMPLEMENTED", result.Stderr, StringComparison.Ordinal);
        }
        else
        {
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Contains("crm_id:CRM-100689", result.Stdout, StringComparison.Ordinal);
        }
    }
}

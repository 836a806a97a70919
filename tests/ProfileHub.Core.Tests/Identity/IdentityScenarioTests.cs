using ProfileHub.Core.Identity;
using ProfileHub.Core.Ingest;

namespace ProfileHub.Core.Tests.Identity;

/// <summary>The scenarios of the identity-resolution issue, end to end through the in-memory graph.</summary>
public sealed class IdentityScenarioTests
{
    [Fact]
    public void Anonymous_phone_then_laptop_login_then_email_click_on_the_phone_is_one_profile_with_both_devices()
    {
        var s = new GraphScenario();

        var browsing = s.Ingest("web", "w1", "device_id:phone-1");
        s.Ingest("web", "w2", "device_id:phone-1");
        var login = s.Ingest("web", "w3", "user_id:u-42", "email:ann@example.com", "device_id:laptop-1");
        var click = s.Ingest("email", "e1", "esp_id:sub-9", "email:Ann@Example.com ", "device_id:phone-1");

        Assert.Equal(IngestOutcome.Created, browsing.Outcome);
        Assert.Equal(IngestOutcome.Created, login.Outcome);
        Assert.Equal(IngestOutcome.Merged, click.Outcome);
        // The anonymous phone profile is the oldest, so it survives and the login profile becomes its alias.
        Assert.Equal(browsing.ProfileId, click.ProfileId);
        Assert.Equal([login.ProfileId!], click.MergedProfileIds);
        Assert.Equal(browsing.ProfileId, s.Graph.Resolve(login.ProfileId!));
        var profile = Assert.Single(s.Graph.Profiles).Value;
        Assert.Contains(GraphScenario.Key("device_id:phone-1"), profile);
        Assert.Contains(GraphScenario.Key("device_id:laptop-1"), profile);
        Assert.Contains(GraphScenario.Key("user_id:u-42"), profile);
        // Every record's evidence now resolves to the one profile: the anonymous events joined the journey.
        Assert.All(s.Graph.Evidence, e => Assert.Equal(browsing.ProfileId, s.Graph.Resolve(e.ProfileId)));
    }

    [Fact]
    public void A_kiosk_used_by_five_people_gives_five_profiles_and_the_device_is_marked_shared()
    {
        var s = new GraphScenario();

        var results = Enumerable.Range(1, 5)
            .Select(i => s.Ingest("web", $"k{i}", $"user_id:visitor-{i}", "device_id:kiosk-1"))
            .ToList();

        Assert.Equal(5, s.Graph.ProfileCount);
        Assert.Equal(5, results.Select(r => r.ProfileId).Distinct().Count());
        Assert.True(s.Graph.IsShared(GraphScenario.Key("device_id:kiosk-1")));
        // Anonymous kiosk events count for whoever used it last.
        var anonymous = s.Ingest("web", "k6", "device_id:kiosk-1");
        Assert.Equal(IngestOutcome.Attached, anonymous.Outcome);
        Assert.Equal(results[^1].ProfileId, anonymous.ProfileId);
    }

    [Fact]
    public void A_family_tablet_does_not_fuse_people_who_only_share_it_even_below_the_shared_threshold()
    {
        var s = new GraphScenario();

        var mum = s.Ingest("web", "t1", "email:mum@example.com", "device_id:tablet");
        var son = s.Ingest("web", "t2", "email:son@example.com", "device_id:tablet");

        Assert.NotEqual(mum.ProfileId, son.ProfileId);
        Assert.Equal(2, s.Graph.ProfileCount);
        Assert.False(s.Graph.IsShared(GraphScenario.Key("device_id:tablet")));
        Assert.Equal(son.ProfileId, s.ProfileOf("device_id:tablet"));
        Assert.Equal(mum.ProfileId, s.ProfileOf("email:mum@example.com"));
    }

    [Fact]
    public void Two_crm_contacts_sharing_an_email_are_not_merged_and_the_conflict_is_counted()
    {
        var s = new GraphScenario();

        var first = s.Ingest("crm", "c1", "crm_id:C-1", "email:family@example.com");
        var second = s.Ingest("crm", "c2", "crm_id:C-2", "email:FAMILY@example.com");

        Assert.NotEqual(first.ProfileId, second.ProfileId);
        Assert.Equal(IngestOutcome.Created, second.Outcome);
        Assert.Equal(1, s.Graph.LimitConflicts);
        Assert.Contains("limit:crm_id", second.Message, StringComparison.Ordinal);
        Assert.Equal(first.ProfileId, s.ProfileOf("email:family@example.com"));
        Assert.Equal(second.ProfileId, s.ProfileOf("crm_id:C-2"));
    }

    [Fact]
    public void Email_case_and_whitespace_variants_are_one_identifier()
    {
        var s = new GraphScenario();

        var a = s.Ingest("esp", "e1", "email:Ann@Example.com");
        var b = s.Ingest("support", "s1", "email:  ann@EXAMPLE.com ", "support_id:T-1");

        Assert.Equal(IngestOutcome.Attached, b.Outcome);
        Assert.Equal(a.ProfileId, b.ProfileId);
        Assert.Equal(2, Assert.Single(s.Graph.Profiles).Value.Count);
    }

    [Fact]
    public void A_replayed_batch_is_all_duplicate_and_changes_nothing()
    {
        var s = new GraphScenario();
        var batch = new[]
        {
            s.Normalize("crm", "c1", "crm_id:C-1", "email:a@example.com"),
            s.Normalize("web", "w1", "device_id:d1", "email:a@example.com"),
            s.Normalize("web", "w2", "device_id:d2"),
            s.Normalize("crm", "c2", "crm_id:C-2", "email:a@example.com"),
        };
        var first = batch.Select(s.Graph.Ingest).ToList();
        var before = s.Graph.Profiles;
        var conflicts = s.Graph.LimitConflicts;

        var replay = batch.Select(s.Graph.Ingest).ToList();

        Assert.All(replay, r => Assert.Equal(IngestOutcome.Duplicate, r.Outcome));
        Assert.Equal(first.Select(r => s.Graph.Resolve(r.ProfileId!)), replay.Select(r => r.ProfileId));
        Assert.Equal(before.Keys.Order(), s.Graph.Profiles.Keys.Order());
        Assert.Equal(conflicts, s.Graph.LimitConflicts);
        Assert.Equal(4, s.Graph.Evidence.Count);
    }

    [Fact]
    public void Profile_ids_are_the_same_when_the_same_data_is_ingested_again_from_scratch()
    {
        static IReadOnlyList<string?> Run()
        {
            var s = new GraphScenario();
            return
            [
                s.Ingest("web", "w1", "device_id:d1").ProfileId,
                s.Ingest("crm", "c1", "crm_id:C-1", "email:a@example.com").ProfileId,
                s.Ingest("web", "w2", "device_id:d1", "email:a@example.com").ProfileId,
            ];
        }

        Assert.Equal(Run(), Run());
        Assert.Equal(ProfileIds.ForRecord("web", "w1"), Run()[2]);
    }
}

using ProfileHub.Contracts.V1;
using ProfileHub.Grpc;
using ProfileHub.Server.Tests.Infrastructure;
using static ProfileHub.Server.Tests.Infrastructure.Records;

namespace ProfileHub.Server.Tests.Admin;

public sealed class AdminServiceTests(AdminServerFixture fixture) : IClassFixture<AdminServerFixture>
{
    private static readonly DateTimeOffset Start = DateTimeOffset.UtcNow.AddDays(-3);

    [Fact]
    public async Task Merge_is_refused_when_two_crm_ids_would_meet_and_succeeds_when_forced()
    {
        var p = TestIds.NewPrefix();
        var results = await fixture.Channel.IngestEachAsync(
        [
            Identify("crm", $"{p}-1", Start, Id("crm_id", $"{p}-A"), Id("email", $"{p}-a@example.com")),
            Event("crm", $"{p}-2", Start.AddHours(1), "pricing_viewed", Id("crm_id", $"{p}-B"), Id("email", $"{p}-b@example.com")),
        ]);
        var a = ByIdentifier("email", $"{p}-a@example.com");
        var b = ByIdentifier("email", $"{p}-b@example.com");
        await fixture.Channel.GetStageAsync(a);
        await fixture.Channel.GetStageAsync(b);

        var refused = await Assert.ThrowsAsync<RpcException>(() => fixture.Channel.MergeAsync(b, a, force: false));
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains("crm_id", refused.Status.Detail, StringComparison.Ordinal);

        var merged = await fixture.Channel.MergeAsync(b, a, force: true);

        Assert.Equal(results[0].ProfileId, merged.ProfileId);
        Assert.Equal([results[1].ProfileId], merged.MergedProfileIds);
        // Cached stages of both sides were dropped: the absorbed side's identifier now reads the survivor.
        var stage = await fixture.Channel.GetStageAsync(b);
        Assert.Equal(merged.ProfileId, stage.ProfileId);
        Assert.Equal("consideration", stage.Stage);
        var byOldId = await fixture.Channel.GetProfileAsync(ByProfileId(results[1].ProfileId));
        Assert.Equal(merged.ProfileId, byOldId.ProfileId);
        Assert.Contains(results[1].ProfileId, byOldId.MergedProfileIds);
    }

    [Fact]
    public async Task Reason_and_evidence_are_required()
    {
        var p = TestIds.NewPrefix();
        await fixture.Channel.IngestAsync(Identify("crm", $"{p}-1", Start, Id("email", $"{p}@example.com")));
        var lookup = ByIdentifier("email", $"{p}@example.com");

        var noReason = await Assert.ThrowsAsync<RpcException>(() => fixture.Channel.ForgetAsync(lookup, reason: " "));
        var noEvidence = await Assert.ThrowsAsync<RpcException>(() => fixture.Channel.SplitAsync(new SplitProfileRequest { Lookup = lookup, Reason = "x" }));
        var badRecord = await Assert.ThrowsAsync<RpcException>(() => fixture.Channel.SplitAsync(new SplitProfileRequest { Lookup = lookup, Record = "no-slash", Reason = "x" }));
        var unknown = await Assert.ThrowsAsync<RpcException>(() => fixture.Channel.ExplainAsync(ByProfileId($"{p}-nobody")));

        Assert.Equal((StatusCode.InvalidArgument, true), (noReason.StatusCode, noReason.Status.Detail.Contains("reason", StringComparison.Ordinal)));
        Assert.Equal(StatusCode.InvalidArgument, noEvidence.StatusCode);
        Assert.Equal((StatusCode.InvalidArgument, true), (badRecord.StatusCode, badRecord.Status.Detail.Contains("record", StringComparison.Ordinal)));
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.NotNull(await fixture.Channel.GetProfileAsync(lookup));
    }

    [Fact]
    public async Task Explain_lists_the_evidence_of_every_identifier_and_the_path_between_two()
    {
        var p = TestIds.NewPrefix();
        await fixture.Channel.IngestEachAsync(
        [
            Identify("crm", $"{p}-1", Start, Id("crm_id", $"{p}-C"), Id("email", $"{p}@example.com")),
            Event("web", $"{p}-2", Start.AddHours(1), "page_viewed", Id("email", $"{p}@example.com"), Id("device_id", $"{p}-dev")),
            Event("web", $"{p}-3", Start.AddHours(2), "page_viewed", Id("device_id", $"{p}-dev")),
        ]);
        var lookup = ByIdentifier("crm_id", $"{p}-C");

        var explained = await fixture.Channel.ExplainAsync(lookup);

        Assert.Equal(3, explained.Identifiers.Count);
        var device = explained.Identifiers.Single(i => i.Identifier.Type == "device_id");
        var evidence = Assert.Single(device.Evidence);
        Assert.Equal(("web", $"{p}-2", "co-observed", "email"), (evidence.Source, evidence.RecordId, evidence.Rule, evidence.B.Type));
        Assert.False(device.Shared);

        var path = await fixture.Channel.ExplainAsync(lookup, Id("crm_id", $"{p}-C"), Id("device_id", $"{p}-dev"));
        Assert.True(path.Connected);
        Assert.Equal([$"{p}-1", $"{p}-2"], path.Path.Select(s => s.RecordId));
        Assert.Empty(path.Identifiers);

        await fixture.Channel.SplitAsync(new SplitProfileRequest { Lookup = lookup, Record = $"web/{p}-2", Reason = "wrong device stitch" });
        var device2 = await fixture.Channel.GetProfileAsync(ByIdentifier("device_id", $"{p}-dev"));
        var foreign = await Assert.ThrowsAsync<RpcException>(() => fixture.Channel.ExplainAsync(lookup, Id("crm_id", $"{p}-C"), Id("device_id", $"{p}-dev")));
        Assert.Equal(StatusCode.InvalidArgument, foreign.StatusCode);
        var stillOne = await fixture.Channel.ExplainAsync(lookup, Id("crm_id", $"{p}-C"), Id("email", $"{p}@example.com"));
        Assert.True(stillOne.Connected);
        Assert.NotEqual(device2.ProfileId, stillOne.ProfileId);
    }

    [Fact]
    public async Task Split_by_identifier_and_by_record_create_new_profiles_with_their_own_stages_and_changes()
    {
        var p = TestIds.NewPrefix();
        var results = await fixture.Channel.IngestEachAsync(
        [
            Identify("crm", $"{p}-1", Start, Id("crm_id", $"{p}-C"), Id("email", $"{p}-a@example.com")),
            Event("web", $"{p}-2", Start.AddHours(1), "page_viewed", Id("email", $"{p}-a@example.com"), Id("phone", "+14155550123")),
            Event("web", $"{p}-3", Start.AddHours(2), "trial_started", Id("phone", "+14155550123"), Id("email", $"{p}-b@example.com")),
            Event("web", $"{p}-4", Start.AddHours(3), "page_viewed", Id("email", $"{p}-b@example.com"), Id("email", $"{p}-c@example.com")),
            Event("web", $"{p}-5", Start.AddHours(4), "purchase_completed", Id("email", $"{p}-c@example.com")),
        ]);
        var original = results[0].ProfileId;
        Assert.All(results, r => Assert.Equal(original, r.ProfileId));
        Assert.Equal("onboarding", (await fixture.Channel.GetStageAsync(ByIdentifier("crm_id", $"{p}-C"))).Stage);
        var cursor = await fixture.Channel.CurrentCursorAsync();

        var byIdentifier = await fixture.Channel.SplitAsync(new SplitProfileRequest
        {
            Lookup = ByProfileId(original),
            Identifier = Id("phone", "+1 (415) 555-0123"),
            Reason = "shop phone number",
        });

        Assert.Equal(original, byIdentifier.ProfileId);
        var second = Assert.Single(byIdentifier.NewProfileIds);
        var kept = await fixture.Channel.GetStageAsync(ByIdentifier("crm_id", $"{p}-C"));
        Assert.Equal((original, "awareness"), (kept.ProfileId, kept.Stage));
        var moved = await fixture.Channel.GetStageAsync(ByIdentifier("email", $"{p}-b@example.com"));
        Assert.Equal((second, "onboarding"), (moved.ProfileId, moved.Stage));
        var phone = await Assert.ThrowsAsync<RpcException>(() => fixture.Channel.GetProfileAsync(ByIdentifier("phone", "+14155550123")));
        Assert.Equal(StatusCode.NotFound, phone.StatusCode);

        var byRecord = await fixture.Channel.SplitAsync(new SplitProfileRequest { Lookup = ByProfileId(second), Record = $"web/{p}-4", Reason = "mistyped email" });

        Assert.Equal(second, byRecord.ProfileId);
        var third = Assert.Single(byRecord.NewProfileIds);
        var c = await fixture.Channel.GetStageAsync(ByIdentifier("email", $"{p}-c@example.com"));
        Assert.Equal((third, "onboarding"), (c.ProfileId, c.Stage));
        var b = await fixture.Channel.GetStageAsync(ByIdentifier("email", $"{p}-b@example.com"));
        Assert.Equal((second, "decision"), (b.ProfileId, b.Stage));

        var (changes, _) = await fixture.Channel.ReadChangesToEndAsync(cursor);
        var mine = changes.Where(ch => ch.ProfileId == original || ch.ProfileId == second || ch.ProfileId == third).ToList();
        Assert.Contains(mine, ch => ch.Type == ChangeType.ProfileSplit && ch.ProfileId == original && ch.SplitProfileIds.SequenceEqual([second]));
        Assert.Contains(mine, ch => ch.Type == ChangeType.ProfileSplit && ch.ProfileId == second && ch.SplitProfileIds.SequenceEqual([third]));
        Assert.Contains(mine, ch => ch.Type == ChangeType.ProfileCreated && ch.ProfileId == second);
        Assert.Contains(mine, ch => ch.Type == ChangeType.StageChanged && ch.ProfileId == original && ch.ToStage == "awareness");
        Assert.Contains(mine, ch => ch.Type == ChangeType.StageChanged && ch.ProfileId == second && ch.ToStage == "decision");
    }
}

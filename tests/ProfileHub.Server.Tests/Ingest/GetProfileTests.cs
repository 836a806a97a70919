using ProfileHub.Contracts;
using ProfileHub.Contracts.V1;
using ProfileHub.Grpc;
using ProfileHub.Server.Tests.Infrastructure;
using static ProfileHub.Server.Tests.Infrastructure.Records;

namespace ProfileHub.Server.Tests.Ingest;

[Collection(SharedServerCollection.Name)]
public sealed class GetProfileTests(ProfileHubServerFixture fixture)
{
    private static readonly DateTimeOffset At = DateTimeOffset.UtcNow.AddDays(-1);

    [Fact]
    public async Task A_profile_is_found_by_its_id_by_an_absorbed_id_and_by_each_identifier()
    {
        var prefix = TestIds.NewPrefix();
        var older = (await fixture.Channel.IngestAsync(Event("web", $"{prefix}-1", At, "page_viewed", Id("device_id", $"{prefix}-laptop")))).Results[0];
        var newer = (await fixture.Channel.IngestAsync(Identify("crm", $"{prefix}-2", At.AddMinutes(1), Id("email", $"{prefix}.Ada@Example.com")))).Results[0];
        var merge = (await fixture.Channel.IngestAsync(Event("web", $"{prefix}-3", At.AddMinutes(2), "page_viewed", Id("device_id", $"{prefix}-laptop"), Id("email", $"{prefix}.ada@example.com")))).Results[0];

        Assert.Equal(IngestOutcome.Merged, merge.Outcome);
        Assert.Equal(older.ProfileId, merge.ProfileId);
        Assert.Equal([newer.ProfileId], merge.MergedProfileIds);

        var byId = await fixture.Channel.GetProfileAsync(ByProfileId(older.ProfileId));
        var byAlias = await fixture.Channel.GetProfileAsync(ByProfileId(newer.ProfileId));
        var byDevice = await fixture.Channel.GetProfileAsync(ByIdentifier("device_id", $" {prefix}-laptop "));
        var byEmail = await fixture.Channel.GetProfileAsync(ByIdentifier("email", $"  {prefix}.ADA@example.COM "));
        var byTypeVariant = await fixture.Channel.GetProfileAsync(ByIdentifier(" Email", $"{prefix}.ada@example.com"));

        Assert.All(new[] { byId, byAlias, byDevice, byEmail, byTypeVariant }, p => Assert.Equal(older.ProfileId, p.ProfileId));
        Assert.Equal([newer.ProfileId], byId.MergedProfileIds);
        var email = Assert.Single(byId.Identifiers, i => i.Type == "email");
        Assert.Equal($"{prefix}.ada@example.com", email.Value);
        Assert.Equal($"{prefix}.Ada@Example.com", email.RawValue);
        Assert.NotNull(byId.CreatedAt);
        Assert.True(byId.UpdatedAt.ToDateTimeOffset() >= byId.CreatedAt.ToDateTimeOffset());
    }

    [Fact]
    public async Task An_unknown_profile_id_or_identifier_is_not_found()
    {
        var prefix = TestIds.NewPrefix();

        var byId = await Assert.ThrowsAsync<RpcException>(() => fixture.Channel.GetProfileAsync(ByProfileId($"{prefix}-nobody")));
        var byIdentifier = await Assert.ThrowsAsync<RpcException>(() => fixture.Channel.GetProfileAsync(ByIdentifier("email", $"{prefix}@nowhere.example")));

        Assert.Equal(StatusCode.NotFound, byId.StatusCode);
        Assert.Equal(StatusCode.NotFound, byIdentifier.StatusCode);
        Assert.DoesNotContain(prefix, byIdentifier.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lookup_with_neither_profile_id_nor_identifier_is_invalid_argument()
    {
        var empty = await Assert.ThrowsAsync<RpcException>(() => fixture.Channel.GetProfileAsync(new ProfileLookup()));
        var missing = await Assert.ThrowsAsync<RpcException>(() => fixture.Channel.UnaryAsync(ProfileHubMethods.GetProfile, new GetProfileRequest(), ProfileHubCalls.Options()));
        var badType = await Assert.ThrowsAsync<RpcException>(() => fixture.Channel.GetProfileAsync(ByIdentifier("emial", "a@example.com")));

        Assert.Equal(StatusCode.InvalidArgument, empty.StatusCode);
        Assert.Contains("lookup", empty.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.InvalidArgument, missing.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, badType.StatusCode);
        Assert.Contains("lookup.identifier.type", badType.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_crm_trait_beats_a_newer_web_trait_and_the_same_source_keeps_the_most_recent()
    {
        var prefix = TestIds.NewPrefix();
        var email = Id("email", $"{prefix}@example.com");
        await fixture.Channel.IngestEachAsync(
        [
            Identify("crm", $"{prefix}-1", At, email).WithTrait("name", "Ada Lovelace").WithTrait("plan", "gold"),
            Identify("web", $"{prefix}-2", At.AddHours(5), email).WithTrait("name", "ada_l").WithTrait("country", "UK"),
            Identify("web", $"{prefix}-3", At.AddHours(6), email).WithTrait("country", "GB"),
            Identify("web", $"{prefix}-4", At.AddHours(1), email).WithTrait("country", "FR"),
            Identify("crm", $"{prefix}-5", At.AddHours(2), email).WithTrait("plan", "platinum"),
        ]);

        var profile = await fixture.Channel.GetProfileAsync(ByIdentifier("email", email.Value));

        Assert.Equal("Ada Lovelace", profile.Traits["name"].Value);
        Assert.Equal("crm", profile.Traits["name"].Source);
        Assert.Equal(At, profile.Traits["name"].UpdatedAt.ToDateTimeOffset());
        Assert.Equal("GB", profile.Traits["country"].Value);
        Assert.Equal("web", profile.Traits["country"].Source);
        Assert.Equal(At.AddHours(6), profile.Traits["country"].UpdatedAt.ToDateTimeOffset());
        Assert.Equal("platinum", profile.Traits["plan"].Value);
    }
}

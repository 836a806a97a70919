using Google.Protobuf.WellKnownTypes;
using ProfileHub.Contracts;
using ProfileHub.Contracts.V1;
using ProfileHub.Grpc;
using ProfileHub.Server.Tests.Infrastructure;
using static ProfileHub.Server.Tests.Infrastructure.Records;

namespace ProfileHub.Server.Tests.Ingest;

[Collection(SharedServerCollection.Name)]
public sealed class IngestValidationTests(ProfileHubServerFixture fixture)
{
    private static readonly DateTimeOffset At = DateTimeOffset.UtcNow.AddHours(-1);

    public static TheoryData<string, string, string> BadRecords => new()
    {
        { "unknown identifier type", "identifiers[0].type", "unknown identifier type" },
        { "empty value", "identifiers[0].value", "empty" },
        { "over-long value", "identifiers[0].value", "513 bytes" },
        { "no identifiers", "identifiers", "at least one identifier" },
        { "too many identifiers", "identifiers", "at most 100" },
        { "missing source", "source", "required" },
        { "missing record_id", "record_id", "required" },
        { "two days in the future", "occurred_at", "future" },
    };

    [Theory]
    [MemberData(nameof(BadRecords))]
    public async Task A_bad_record_is_rejected_with_field_and_reason_while_good_records_beside_it_succeed(string problem, string field, string reason)
    {
        var prefix = TestIds.NewPrefix();
        var good0 = Event("web", $"{prefix}-good-0", At, "page_viewed", Id("device_id", $"{prefix}-dev-0"));
        var bad = MakeBad(problem, prefix);
        var good2 = Event("web", $"{prefix}-good-2", At, "page_viewed", Id("device_id", $"{prefix}-dev-2"));

        var response = await fixture.Channel.IngestAsync(good0, bad, good2);

        Assert.Equal(3, response.Results.Count);
        Assert.Equal(IngestOutcome.Created, response.Results[0].Outcome);
        Assert.Equal(IngestOutcome.Created, response.Results[2].Outcome);
        var rejected = response.Results[1];
        Assert.Equal(1, rejected.Index);
        Assert.Equal(IngestOutcome.Rejected, rejected.Outcome);
        Assert.Empty(rejected.ProfileId);
        Assert.StartsWith($"records[1].{field}", rejected.Error, StringComparison.Ordinal);
        Assert.Contains(reason, rejected.Error, StringComparison.Ordinal);
        Assert.Equal(2, response.Created);
        Assert.Equal(1, response.Rejected);

        // Nothing of the rejected record was stored.
        if (problem is "missing source" or "missing record_id" or "two days in the future")
        {
            var error = await Assert.ThrowsAsync<RpcException>(() => fixture.Channel.GetProfileAsync(ByIdentifier("device_id", $"{prefix}-bad-dev")));
            Assert.Equal(StatusCode.NotFound, error.StatusCode);
        }
    }

    [Fact]
    public async Task More_than_a_thousand_records_is_resource_exhausted()
    {
        var prefix = TestIds.NewPrefix();
        var records = Enumerable.Range(0, 1_001).Select(i => Event("web", $"{prefix}-{i}", At, "page_viewed", Id("device_id", $"{prefix}-{i}"))).ToArray();

        var error = await Assert.ThrowsAsync<RpcException>(() => fixture.Channel.IngestAsync(records));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("records", error.Status.Detail, StringComparison.Ordinal);
        var notStored = await Assert.ThrowsAsync<RpcException>(() => fixture.Channel.GetProfileAsync(ByIdentifier("device_id", $"{prefix}-0")));
        Assert.Equal(StatusCode.NotFound, notStored.StatusCode);
    }

    [Fact]
    public async Task Exactly_a_thousand_records_are_accepted()
    {
        var prefix = TestIds.NewPrefix();
        var records = Enumerable.Range(0, 1_000).Select(i => Event("web", $"{prefix}-{i}", At, "page_viewed", Id("device_id", $"{prefix}-{i}"))).ToArray();

        var response = await fixture.Channel.IngestAsync(records);

        Assert.Equal(1_000, response.Created);
        Assert.Equal(Enumerable.Range(0, 1_000), response.Results.Select(r => r.Index));
    }

    [Fact]
    public async Task An_empty_request_is_invalid_argument()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => fixture.Channel.UnaryAsync(ProfileHubMethods.Ingest, new IngestRequest(), ProfileHubCalls.Options()));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("records", error.Status.Detail, StringComparison.Ordinal);
    }

    private static Record MakeBad(string problem, string prefix)
    {
        var device = Id("device_id", $"{prefix}-bad-dev");
        var record = Event("web", $"{prefix}-bad", At, "page_viewed", device);
        switch (problem)
        {
            case "unknown identifier type":
                record.Identifiers[0] = Id("emial", $"{prefix}@example.com");
                break;
            case "empty value":
                record.Identifiers[0] = Id("email", "   ");
                break;
            case "over-long value":
                record.Identifiers[0] = Id("device_id", new string('d', 513));
                break;
            case "no identifiers":
                record.Identifiers.Clear();
                break;
            case "too many identifiers":
                record.Identifiers.Clear();
                record.Identifiers.AddRange(Enumerable.Range(0, 101).Select(i => Id("device_id", $"{prefix}-many-{i}")));
                break;
            case "missing source":
                record.Source = string.Empty;
                break;
            case "missing record_id":
                record.RecordId = string.Empty;
                break;
            case "two days in the future":
                record.OccurredAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(2));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(problem), problem, "no such case");
        }

        return record;
    }
}

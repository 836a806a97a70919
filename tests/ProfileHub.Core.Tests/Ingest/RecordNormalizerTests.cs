using ProfileHub.Core.Identity;
using ProfileHub.Core.Ingest;
using ProfileHub.Core.Tests.Identity;

namespace ProfileHub.Core.Tests.Ingest;

public sealed class RecordNormalizerTests
{
    private static readonly DateTimeOffset Now = FixedClock.Epoch;
    private readonly RecordNormalizer normalizer = new(IdentifierCatalog.Create(new IdentitySettings()), new FixedClock(Now));

    private static IncomingRecord Valid(params IncomingIdentifier[] identifiers) =>
        new("web", "r1", Now.AddHours(-1), identifiers.Length == 0 ? [new("email", "a@example.com")] : identifiers, "page_viewed",
            new Dictionary<string, string> { ["path"] = "/pricing" }, new Dictionary<string, string> { ["plan"] = "pro" });

    private NormalizationResult Normalize(IncomingRecord record) => normalizer.Normalize(record, "records[3]");

    private static void AssertRejected(NormalizationResult result, string expected)
    {
        Assert.False(result.IsValid);
        Assert.Equal(expected, result.Error);
    }

    [Fact]
    public void A_valid_record_keeps_raw_and_normalized_values_and_its_payload()
    {
        var result = Normalize(Valid(new("email", " Ann@Example.com"), new("phone", "(415) 555-0100")));

        Assert.True(result.IsValid, result.Error);
        Assert.Equal(
            [new ObservedIdentifier(new("email", "ann@example.com"), " Ann@Example.com"), new ObservedIdentifier(new("phone", "+14155550100"), "(415) 555-0100")],
            result.Record.Identifiers);
        Assert.Equal("page_viewed", result.Record.Event);
        Assert.Equal("/pricing", result.Record.Properties["path"]);
        Assert.Equal("pro", result.Record.Traits["plan"]);
        Assert.Empty(result.Record.Notes);
    }

    [Fact]
    public void An_unknown_identifier_type_is_rejected_naming_the_field()
    {
        AssertRejected(Normalize(Valid(new("email", "a@x.com"), new("emial", "b@x.com"))), "records[3].identifiers[1].type: unknown identifier type \"emial\"");
    }

    [Fact]
    public void Identifier_type_keys_are_matched_ignoring_case_and_surrounding_spaces()
    {
        var result = Normalize(Valid(new IncomingIdentifier(" Email", "a@x.com")));

        Assert.True(result.IsValid, result.Error);
        Assert.Equal(new IdentifierKey("email", "a@x.com"), result.Record.Identifiers[0].Key);
    }

    [Fact]
    public void Missing_source_and_record_id_are_rejected()
    {
        AssertRejected(Normalize(Valid() with { Source = " " }), "records[3].source: required");
        AssertRejected(Normalize(Valid() with { RecordId = "" }), "records[3].record_id: required");
        AssertRejected(Normalize(Valid() with { RecordId = new string('x', 257) }), "records[3].record_id: longer than 256 characters");
    }

    [Fact]
    public void A_record_without_identifiers_or_with_too_many_is_rejected()
    {
        AssertRejected(Normalize(Valid() with { Identifiers = [] }), "records[3].identifiers: at least one identifier is required");
        var many = Enumerable.Range(0, 101).Select(i => new IncomingIdentifier("device_id", "d" + i)).ToArray();
        AssertRejected(Normalize(Valid(many)), "records[3].identifiers: at most 100 identifiers per record (got 101)");
    }

    [Fact]
    public void Empty_and_over_long_values_are_rejected()
    {
        AssertRejected(Normalize(Valid(new IncomingIdentifier("user_id", "  "))), "records[3].identifiers[0].value: empty value");
        AssertRejected(Normalize(Valid(new IncomingIdentifier("user_id", new string('é', 257)))), "records[3].identifiers[0].value: value is 514 bytes (limit 512)");
    }

    [Fact]
    public void A_malformed_email_is_rejected_with_the_normalizer_reason()
    {
        AssertRejected(Normalize(Valid(new IncomingIdentifier("email", "ann.example.com"))), "records[3].identifiers[0].value: email address has no '@'");
    }

    [Fact]
    public void Junk_values_are_ignored_with_a_note_and_the_rest_is_kept()
    {
        var result = Normalize(Valid(new("email", "test@test.com"), new("user_id", "u-1"), new("phone", "n/a")));

        Assert.True(result.IsValid, result.Error);
        Assert.Equal([new IdentifierKey("user_id", "u-1")], result.Record.Identifiers.Select(i => i.Key));
        Assert.Equal(2, result.Record.Notes.Count);
        Assert.StartsWith("records[3].identifiers[0]: ignored a junk email value", result.Record.Notes[0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_record_with_only_junk_values_is_rejected()
    {
        AssertRejected(Normalize(Valid(new("email", "NULL"), new("device_id", "undefined"))), "records[3].identifiers: no usable identifier (every value is a known junk value)");
    }

    [Fact]
    public void Duplicate_identifiers_in_a_record_collapse_to_one()
    {
        var result = Normalize(Valid(new("email", "a@x.com"), new("email", " A@X.com "), new("device_id", "d1")));

        Assert.True(result.IsValid, result.Error);
        Assert.Equal(2, result.Record.Identifiers.Count);
        Assert.Equal("a@x.com", result.Record.Identifiers[0].RawValue);
        Assert.Single(result.Record.Notes);
    }

    [Fact]
    public void Occurred_at_more_than_a_day_ahead_is_rejected_and_a_missing_one_is_now()
    {
        AssertRejected(Normalize(Valid() with { OccurredAt = Now.AddHours(25) }), "records[3].occurred_at: more than 24 hours in the future");
        Assert.True(Normalize(Valid() with { OccurredAt = Now.AddHours(23) }).IsValid);
        Assert.Equal(Now, Normalize(Valid() with { OccurredAt = null }).Record!.OccurredAt);
    }

    [Fact]
    public void Event_properties_and_traits_are_bounded()
    {
        AssertRejected(Normalize(Valid() with { Event = new string('e', 129) }), "records[3].event: longer than 128 characters");
        var tooMany = Enumerable.Range(0, 101).ToDictionary(i => "k" + i, i => "v");
        AssertRejected(Normalize(Valid() with { Properties = tooMany }), "records[3].properties: at most 100 entries (got 101)");
        AssertRejected(Normalize(Valid() with { Traits = new Dictionary<string, string> { [new string('k', 129)] = "v" } }), "records[3].traits: a name is longer than 128 characters");
        AssertRejected(Normalize(Valid() with { Traits = new Dictionary<string, string> { ["bio"] = new string('v', 4097) } }), "records[3].traits[\"bio\"]: value longer than 4096 characters");
    }

    [Fact]
    public void Without_a_prefix_paths_start_at_the_record()
    {
        Assert.Equal("source: required", normalizer.Normalize(Valid() with { Source = "" }, "").Error);
    }

    [Fact]
    public void A_rejection_converts_to_a_rejected_result_and_an_invalid_field_exception()
    {
        var result = Normalize(Valid() with { Source = "" });

        Assert.Equal(IngestOutcome.Rejected, result.ToIngestResult().Outcome);
        Assert.Equal("records[3].source", result.ToException().Field);
    }
}

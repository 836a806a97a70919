using ProfileHub.Cli.Records;

namespace ProfileHub.Cli.Tests;

public sealed class RecordReaderTests
{
    [Fact]
    public async Task Csv_quoted_fields_keep_commas_quotes_and_line_breaks_and_report_the_first_line_of_a_row()
    {
        const string csv = "source,record_id,occurred_at,event,id:email,trait:name,prop:note\n"
            + "crm,c-1,2026-10-01T10:00:00Z,contact_created,ada@example.com,\"Lovelace, Ada\",\"said \"\"hi\"\"\nthen left\"\n"
            + "crm,c-2,2026-10-01T11:00:00Z,contact_created,grace@example.com,,\n";

        var records = await ReadAllAsync(CsvRecordReader.ReadAsync(new StringReader(csv), CancellationToken.None));

        Assert.Equal(2, records.Count);
        Assert.Equal(2, records[0].Line);
        Assert.Equal(4, records[1].Line);
        var first = records[0].Record!;
        Assert.Equal("Lovelace, Ada", first.Traits["name"]);
        Assert.Equal("said \"hi\"\nthen left", first.Properties["note"]);
        Assert.Equal("ada@example.com", Assert.Single(first.Identifiers).Value);
        Assert.Empty(records[1].Record!.Traits);
    }

    [Fact]
    public async Task Csv_row_with_a_different_field_count_is_rejected_with_the_reason()
    {
        const string csv = "source,record_id,id:email\ncrm,c-1\n";

        var records = await ReadAllAsync(CsvRecordReader.ReadAsync(new StringReader(csv), CancellationToken.None));

        var rejected = Assert.Single(records);
        Assert.Null(rejected.Record);
        Assert.Contains("expected 3 fields", rejected.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Jsonl_numbers_and_booleans_in_properties_keep_their_text_for_the_stage_rules()
    {
        var line = JsonlRecordReader.Parse(7, """{"source":"support","record_id":"t-1","occurred_at":"2026-10-01T10:00:00+02:00","identifiers":[{"type":"email","value":"a@example.com"}],"event":"nps_submitted","properties":{"score":9,"promoter":true,"skip":null},"extra":"ignored"}""");

        Assert.Null(line.Error);
        Assert.Equal("9", line.Record!.Properties["score"]);
        Assert.Equal("true", line.Record.Properties["promoter"]);
        Assert.False(line.Record.Properties.ContainsKey("skip"));
        Assert.Equal(new DateTimeOffset(2026, 10, 1, 8, 0, 0, TimeSpan.Zero), line.Record.OccurredAt.ToDateTimeOffset());
    }

    [Theory]
    [InlineData("[1,2]", "not a JSON object")]
    [InlineData("""{"identifiers":{"type":"email"}}""", "identifiers: expected an array")]
    [InlineData("""{"identifiers":[{"type":"email"}]}""", "identifiers[0]")]
    [InlineData("""{"traits":{"plan":["a"]}}""", "traits.plan")]
    public void Jsonl_shape_errors_name_the_field(string json, string expected)
    {
        var line = JsonlRecordReader.Parse(1, json);

        Assert.Null(line.Record);
        Assert.Contains(expected, line.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("email:Ada@Example.com", null, "email", "Ada@Example.com")]
    [InlineData("p_abc", "p_abc", null, null)]
    [InlineData("phone:+1:555", null, "phone", "+1:555")]
    public void Ids_are_profile_ids_or_type_value_split_at_the_first_colon(string id, string? profileId, string? type, string? value)
    {
        var lookup = ProfileLookupParser.Parse(id);

        Assert.Equal(profileId ?? string.Empty, lookup.ProfileId);
        Assert.Equal(type, lookup.Identifier?.Type);
        Assert.Equal(value, lookup.Identifier?.Value);
    }

    private static async Task<List<SourceRecord>> ReadAllAsync(IAsyncEnumerable<SourceRecord> source)
    {
        var list = new List<SourceRecord>();
        await foreach (var item in source)
        {
            list.Add(item);
        }

        return list;
    }
}

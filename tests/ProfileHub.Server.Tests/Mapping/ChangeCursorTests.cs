using ProfileHub.Core.Errors;
using ProfileHub.Server.Mapping;

namespace ProfileHub.Server.Tests.Mapping;

public sealed class ChangeCursorTests
{
    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(long.MaxValue)]
    public void A_cursor_decodes_to_the_sequence_it_was_made_from(long sequence) =>
        Assert.Equal(sequence, ChangeCursor.Decode(ChangeCursor.Encode(sequence), "cursor"));

    [Fact]
    public void An_empty_cursor_means_the_beginning_of_the_feed() =>
        Assert.Equal(0, ChangeCursor.Decode(string.Empty, "cursor"));

    [Theory]
    [InlineData("not a cursor")]
    [InlineData("\n\n\n")]
    [InlineData("AQ")]
    [InlineData("AgAAAAAAAAAB")]
    [InlineData("%%%%%%%%%%%%")]
    public void A_foreign_cursor_is_refused_naming_the_field(string cursor)
    {
        var error = Assert.Throws<InvalidFieldException>(() => ChangeCursor.Decode(cursor, "cursor"));
        Assert.Equal("cursor", error.Field);
    }
}

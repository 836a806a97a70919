using ProfileHub.Grpc.Internal;

namespace ProfileHub.Grpc.Tests.Unit;

public class PercentEncodingTests
{
    [Theory]
    [InlineData("plain text stays as is", "plain text stays as is")]
    [InlineData("100%", "100%25")]
    [InlineData("line\nbreak", "line%0Abreak")]
    [InlineData("café", "caf%C3%A9")]
    [InlineData("日本", "%E6%97%A5%E6%9C%AC")]
    [InlineData("emoji 😀", "emoji %F0%9F%98%80")]
    public void Encoding_escapes_percent_controls_and_non_ascii_as_utf8(string value, string expected)
    {
        Assert.Equal(expected, PercentEncoding.Encode(value));
    }

    [Theory]
    [InlineData("100%")]
    [InlineData("café ünïcödé 日本 😀 %41")]
    [InlineData("tab\there")]
    [InlineData("")]
    public void Decoding_reverses_encoding(string value)
    {
        Assert.Equal(value, PercentEncoding.Decode(PercentEncoding.Encode(value)));
    }

    [Theory]
    [InlineData("%", "%")]
    [InlineData("50%", "50%")]
    [InlineData("%G1", "%G1")]
    [InlineData("%4", "%4")]
    [InlineData("%41%42", "AB")]
    [InlineData("%c3%a9", "é")]
    public void Malformed_escapes_are_kept_literally(string wire, string expected)
    {
        Assert.Equal(expected, PercentEncoding.Decode(wire));
    }
}

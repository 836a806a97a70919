using ProfileHub.Grpc.Internal;

namespace ProfileHub.Grpc.Tests.Unit;

public class MetadataTests
{
    [Fact]
    public void Keys_are_lower_cased_and_order_is_kept()
    {
        var metadata = new Metadata { { "X-Tenant", "acme" }, { "x-trace", "1" }, { "X-Tenant", "other" } };

        Assert.Equal(new[] { "x-tenant", "x-trace", "x-tenant" }, metadata.Select(e => e.Key));
        Assert.Equal("acme", metadata.GetValue("X-TENANT"));
        Assert.Equal(new[] { "acme", "other" }, metadata.GetAll("x-tenant").Select(e => e.Value));
    }

    [Theory]
    [InlineData("with space")]
    [InlineData("colon:key")]
    [InlineData("grpc-status")]
    [InlineData("")]
    public void Invalid_keys_are_refused(string key)
    {
        Assert.ThrowsAny<ArgumentException>(() => new Metadata().Add(key, "v"));
    }

    [Theory]
    [InlineData("café")]
    [InlineData("line\nbreak")]
    public void Text_values_must_be_printable_ascii(string value)
    {
        Assert.Throws<ArgumentException>(() => new Metadata().Add("x-key", value));
    }

    [Fact]
    public void Binary_values_need_a_bin_key_and_text_values_must_not_use_one()
    {
        Assert.Throws<ArgumentException>(() => new Metadata().Add("x-key", new byte[] { 1 }));
        Assert.Throws<ArgumentException>(() => new Metadata().Add("x-key-bin", "text"));
    }

    [Fact]
    public void Binary_values_round_trip_through_unpadded_base64()
    {
        var bytes = new byte[] { 0, 255, 1 };
        var metadata = new Metadata { { "x-blob-bin", bytes } };

        var wire = MetadataValidation.EncodeBinary(metadata.GetBytes("x-blob-bin")!);

        Assert.DoesNotContain('=', wire);
        Assert.True(MetadataValidation.TryDecodeBinary(wire, out var decoded));
        Assert.Equal(bytes, decoded);
    }

    [Theory]
    [InlineData("AAE=", new byte[] { 0, 1 })]
    [InlineData("AAE", new byte[] { 0, 1 })]
    [InlineData("AAEC", new byte[] { 0, 1, 2 })]
    [InlineData("AA==", new byte[] { 0 })]
    [InlineData("AA", new byte[] { 0 })]
    public void Binary_values_are_accepted_with_and_without_padding(string wire, byte[] expected)
    {
        Assert.True(MetadataValidation.TryDecodeBinary(wire, out var decoded));
        Assert.Equal(expected, decoded);
    }

    [Theory]
    [InlineData("A")]
    [InlineData("!!!!")]
    public void Invalid_base64_is_rejected(string wire)
    {
        Assert.False(MetadataValidation.TryDecodeBinary(wire, out _));
    }
}

using ProfileHub.Core.Identity;

namespace ProfileHub.Core.Tests.Identity;

public sealed class IdentifierNormalizerTests
{
    private readonly IdentifierNormalizer us = new("US");
    private readonly IdentifierNormalizer gb = new("GB");

    [Theory]
    [InlineData("Ann.Lee@Example.COM")]
    [InlineData("  ann.lee@example.com ")]
    [InlineData("ANN.LEE@EXAMPLE.COM\t")]
    public void Email_case_and_whitespace_variants_normalize_to_one_value(string raw)
    {
        Assert.True(us.TryNormalize(IdentifierNormalization.Email, raw, out var value, out _));
        Assert.Equal("ann.lee@example.com", value);
    }

    [Theory]
    [InlineData("ann.example.com", "email address has no '@'")]
    [InlineData("ann@", "malformed email address")]
    [InlineData("@example.com", "malformed email address")]
    [InlineData("ann@example", "malformed email address")]
    [InlineData("ann@@example.com", "malformed email address")]
    [InlineData("ann lee@example.com", "malformed email address")]
    [InlineData("ann@example..com", "malformed email address")]
    public void Malformed_emails_are_rejected_with_a_reason(string raw, string reason)
    {
        Assert.False(us.TryNormalize(IdentifierNormalization.Email, raw, out _, out var error));
        Assert.Equal(reason, error);
    }

    [Theory]
    [InlineData("(415) 555-0100")]
    [InlineData("415.555.0100")]
    [InlineData("1-415-555-0100")]
    [InlineData("+1 415 555 0100")]
    [InlineData("011 1 415 555 0100")]
    [InlineData(" 4155550100 ")]
    public void Us_phones_in_national_international_and_punctuated_forms_become_one_e164_value(string raw)
    {
        Assert.True(us.TryNormalize(IdentifierNormalization.Phone, raw, out var value, out var error), error);
        Assert.Equal("+14155550100", value);
    }

    [Theory]
    [InlineData("020 7946 0958")]
    [InlineData("+44 20 7946 0958")]
    [InlineData("+44 (0)20 7946 0958")]
    [InlineData("0044 20 7946 0958")]
    public void Uk_national_numbers_drop_the_trunk_zero(string raw)
    {
        Assert.True(gb.TryNormalize(IdentifierNormalization.Phone, raw, out var value, out var error), error);
        Assert.Equal("+442079460958", value);
    }

    [Fact]
    public void An_international_number_keeps_its_own_country_whatever_the_default()
    {
        Assert.True(us.TryNormalize(IdentifierNormalization.Phone, "+49 30 901820", out var value, out _));
        Assert.Equal("+4930901820", value);
    }

    [Theory]
    [InlineData("12345", "phone number has fewer than 7 digits")]
    [InlineData("+1234567890123456", "phone number has more than 15 digits")]
    [InlineData("call me", "phone number contains characters other than digits and formatting")]
    [InlineData("415 555 0100 ext 2", "phone number contains characters other than digits and formatting")]
    [InlineData("415+5550100", "'+' is only allowed at the start of a phone number")]
    public void Impossible_phone_numbers_are_rejected(string raw, string reason)
    {
        Assert.False(us.TryNormalize(IdentifierNormalization.Phone, raw, out _, out var error));
        Assert.Equal(reason, error);
    }

    [Fact]
    public void Ids_are_trimmed_but_keep_their_case()
    {
        Assert.True(us.TryNormalize(IdentifierNormalization.Trim, "  CRM-00042 ", out var value, out _));
        Assert.Equal("CRM-00042", value);
    }

    [Theory]
    [InlineData("abc\u0000def")]
    [InlineData("abc\ndef")]
    [InlineData("abc\u007fdef")]
    [InlineData("abc\tdef")]
    public void Values_with_control_characters_are_rejected(string raw)
    {
        Assert.False(us.TryNormalize(IdentifierNormalization.Trim, raw, out _, out var error));
        Assert.Equal("value contains control characters", error);
    }

    [Fact]
    public void An_unknown_default_country_names_the_configuration_key()
    {
        var error = Assert.Throws<IdentityConfigurationException>(() => new IdentifierNormalizer("XX"));
        Assert.Equal("ProfileHub:Identity:DefaultCountry", error.Key);
    }

    [Fact]
    public void The_country_table_covers_at_least_forty_countries_with_distinct_codes()
    {
        Assert.True(CallingCountries.All.Count >= 40);
        Assert.Equal(CallingCountries.All.Count, CallingCountries.All.Select(c => c.Country).Distinct().Count());
        Assert.All(CallingCountries.All, c => Assert.Matches("^[1-9][0-9]{0,2}$", c.CallingCode));
    }
}

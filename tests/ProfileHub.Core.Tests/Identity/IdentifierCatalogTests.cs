using ProfileHub.Core.Identity;

namespace ProfileHub.Core.Tests.Identity;

public sealed class IdentifierCatalogTests
{
    [Fact]
    public void Default_catalog_has_the_design_table_in_priority_order()
    {
        var catalog = IdentifierCatalog.Create(new IdentitySettings());

        Assert.Equal(
            ["crm_id", "user_id", "email", "phone", "esp_id", "support_id", "device_id"],
            catalog.Types.Select(t => t.Key));
        Assert.Equal([1, 1, 5, 3, 3, 3, 100], catalog.Types.Select(t => t.MaxPerProfile));
        Assert.True(catalog.Get("device_id").DeviceLike);
        Assert.False(catalog.Get("email").DeviceLike);
        Assert.Equal(IdentifierNormalization.Phone, catalog.Get("phone").Normalization);
    }

    [Fact]
    public void Configured_types_replace_the_default_table()
    {
        var settings = new IdentitySettings();
        settings.Types["account_id"] = new IdentifierTypeSettings { MaxPerProfile = 1, Priority = 1 };

        var catalog = IdentifierCatalog.Create(settings);

        Assert.Equal(["account_id"], catalog.Types.Select(t => t.Key));
        Assert.False(catalog.TryGet("email", out _));
    }

    [Fact]
    public void A_limit_below_one_is_refused_naming_the_key()
    {
        var settings = new IdentitySettings { Types = IdentitySettings.DefaultTypes() };
        settings.Types["email"].MaxPerProfile = 0;

        var error = Assert.Throws<IdentityConfigurationException>(() => IdentifierCatalog.Create(settings));

        Assert.Equal("ProfileHub:Identity:Types:email:MaxPerProfile", error.Key);
        Assert.Contains("must be ≥ 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_normalizer_is_refused_naming_the_key()
    {
        var settings = new IdentitySettings { Types = IdentitySettings.DefaultTypes() };
        settings.Types["phone"].Normalizer = "e164";

        var error = Assert.Throws<IdentityConfigurationException>(() => IdentifierCatalog.Create(settings));

        Assert.Equal("ProfileHub:Identity:Types:phone:Normalizer", error.Key);
    }

    [Fact]
    public void A_shared_device_threshold_below_one_is_refused()
    {
        var error = Assert.Throws<IdentityConfigurationException>(() => IdentifierCatalog.Create(new IdentitySettings { SharedDeviceThreshold = 0 }));
        Assert.Equal("ProfileHub:Identity:SharedDeviceThreshold", error.Key);
    }

    [Theory]
    [InlineData("email", "NULL")]
    [InlineData("email", " Test@Test.com ")]
    [InlineData("device_id", "00000000-0000-0000-0000-000000000000")]
    [InlineData("user_id", "undefined")]
    public void Global_junk_values_are_recognized_in_any_case(string type, string raw)
    {
        var catalog = IdentifierCatalog.Create(new IdentitySettings());
        Assert.True(catalog.IsJunk(catalog.Get(type), raw, null));
    }

    [Fact]
    public void A_type_blocklist_matches_after_normalization()
    {
        var settings = new IdentitySettings { Types = IdentitySettings.DefaultTypes() };
        settings.Types["phone"].Blocklist.Add("(555) 555-5555");
        var catalog = IdentifierCatalog.Create(settings);
        var phone = catalog.Get("phone");

        Assert.True(catalog.Normalizer.TryNormalize(phone.Normalization, "+1 555 555 5555", out var normalized, out _));
        Assert.True(catalog.IsJunk(phone, "+1 555 555 5555", normalized));
        Assert.False(catalog.IsJunk(phone, "+1 415 555 0100", "+14155550100"));
    }
}

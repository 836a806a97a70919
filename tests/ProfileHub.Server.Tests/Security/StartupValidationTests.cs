namespace ProfileHub.Server.Tests.Security;

/// <summary>The server refuses to start with missing or broken security settings, and says which key.</summary>
public sealed class StartupValidationTests
{
    [Fact]
    public async Task Production_without_auth_refuses_to_start_and_names_the_key()
    {
        await using var server = SecurityServer.Launch(new Dictionary<string, string> { ["DOTNET_ENVIRONMENT"] = "Production" });

        var exitCode = await server.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("ProfileHub:Auth:Mode", server.StandardError, StringComparison.Ordinal);
        Assert.Contains("Production", server.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_with_an_explicit_mode_none_refuses_to_start()
    {
        await using var server = SecurityServer.Launch(new Dictionary<string, string> { ["DOTNET_ENVIRONMENT"] = "Production", ["ProfileHub__Auth__Mode"] = "none" });

        var exitCode = await server.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("ProfileHub:Auth:Mode is 'none'", server.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mode_none_outside_production_starts_with_a_warning()
    {
        await using var server = await SecurityServer.StartAsync(new Dictionary<string, string> { ["ProfileHub__Auth__Mode"] = "none" });

        Assert.Contains("every caller is accepted without credentials", server.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_api_key_hash_is_reported_with_its_key()
    {
        await using var server = SecurityServer.Launch(new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ProfileHub__Auth__Mode"] = "apikey",
            ["ProfileHub__Auth__ApiKeys__0__Name"] = "crm",
            ["ProfileHub__Auth__ApiKeys__0__Hash"] = "not-hex",
            ["ProfileHub__Auth__ApiKeys__0__Scopes__0"] = "profiles:reed",
        });

        var exitCode = await server.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("ProfileHub:Auth:ApiKeys:0:Hash", server.StandardError, StringComparison.Ordinal);
        Assert.Contains("unknown scope 'profiles:reed'", server.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Jwt_mode_without_audience_or_keys_is_reported()
    {
        await using var server = SecurityServer.Launch(new Dictionary<string, string> { ["DOTNET_ENVIRONMENT"] = "Production", ["ProfileHub__Auth__Mode"] = "jwt" });

        var exitCode = await server.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("ProfileHub:Auth:Jwt:Audience is required", server.StandardError, StringComparison.Ordinal);
        Assert.Contains("set Authority (OIDC discovery/JWKS) or SigningKeys", server.StandardError, StringComparison.Ordinal);
    }
}

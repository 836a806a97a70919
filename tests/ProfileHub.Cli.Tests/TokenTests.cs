using System.Security.Cryptography;
using System.Text;
using ProfileHub.Cli.Tests.Infrastructure;

namespace ProfileHub.Cli.Tests;

/// <summary>Against a server that requires API keys: --token is sent as a bearer token and failures exit 7.</summary>
public sealed class TokenTests : IAsyncLifetime
{
    private const string Key = "cli-test-key-0123456789";
    private ProfileHubServerProcess? _server;

    public async Task InitializeAsync()
    {
        _server = await CliServer.StartAsync(new Dictionary<string, string>
        {
            ["ProfileHub__Auth__Mode"] = "apikey",
            ["ProfileHub__Auth__ApiKeys__0__Name"] = "cli-test",
            ["ProfileHub__Auth__ApiKeys__0__Hash"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Key))),
            ["ProfileHub__Auth__ApiKeys__0__Scopes__0"] = "profiles:read",
        });
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public async Task Without_a_token_lookups_exit_7_and_say_how_to_authenticate()
    {
        var result = await CliProcess.RunAsync(_server!.Address, "stage", "email:ada@example.com");

        Assert.Equal(7, result.ExitCode);
        Assert.Contains("--token", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_token_exits_7()
    {
        var result = await CliProcess.RunAsync(_server!.Address, "stage", "email:ada@example.com", "--token", "not-the-key");

        Assert.Equal(7, result.ExitCode);
    }

    [Fact]
    public async Task The_right_token_is_accepted_and_the_lookup_itself_answers()
    {
        var result = await CliProcess.RunAsync(_server!.Address, "--token", Key, "stage", "email:ada@example.com");

        Assert.True(result.ExitCode == 2, result.ToString());
    }

    [Fact]
    public async Task Health_needs_no_token_so_container_health_checks_work_with_auth_on()
    {
        var result = await CliProcess.RunAsync(_server!.Address, "health");

        Assert.Equal(0, result.ExitCode);
    }
}

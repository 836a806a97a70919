using ProfileHub.Cli.Tests.Infrastructure;

namespace ProfileHub.Cli.Tests;

[Collection(SamplesCollection.Name)]
public sealed class HealthAndUsageTests(IngestedSamplesFixture samples)
{
    [Fact]
    public async Task Health_of_a_running_server_prints_SERVING_and_exits_0()
    {
        var result = await samples.RunAsync("health");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("SERVING", result.Stdout.Trim());
    }

    [Fact]
    public async Task Address_option_wins_over_the_environment_variable()
    {
        var result = await CliProcess.RunAsync("http://127.0.0.1:1", "--address", samples.Server.Address, "health");

        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task Health_of_a_closed_port_exits_5()
    {
        var result = await CliProcess.RunAsync(null, "health", "--address", $"http://127.0.0.1:{FreeTcpPort.Pick()}");

        Assert.Equal(5, result.ExitCode);
        Assert.StartsWith("unhealthy:", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lookups_against_a_closed_port_exit_5()
    {
        var result = await CliProcess.RunAsync($"http://127.0.0.1:{FreeTcpPort.Pick()}", "stage", "email:ada@example.com");

        Assert.Equal(5, result.ExitCode);
        Assert.StartsWith("server unavailable:", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("stage")]
    [InlineData("changes", "--limit", "0")]
    [InlineData("--address", "ftp://example.com", "health")]
    public async Task Usage_errors_exit_1(params string[] args)
    {
        var result = await CliProcess.RunAsync(samples.Server.Address, args);

        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public async Task Help_documents_the_exit_codes()
    {
        var result = await CliProcess.RunAsync(null, "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("4 some records rejected", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("PROFILEHUB_ADDRESS", result.Stdout, StringComparison.Ordinal);
    }
}

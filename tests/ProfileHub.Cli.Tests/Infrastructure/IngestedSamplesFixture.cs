namespace ProfileHub.Cli.Tests.Infrastructure;

/// <summary>One server with the four sample files ingested through the CLI, shared by the tests of a collection.</summary>
public sealed class IngestedSamplesFixture : IAsyncLifetime
{
    public static readonly string[] SampleFiles = ["crm_contacts.csv", "web_events.jsonl", "email_events.jsonl", "support_tickets.jsonl"];

    private ProfileHubServerProcess? _server;

    public ProfileHubServerProcess Server => _server ?? throw new InvalidOperationException("Fixture not started.");

    public Dictionary<string, CliResult> Ingested { get; } = [];

    public Dictionary<string, string> RejectsFiles { get; } = [];

    public Task<CliResult> RunAsync(params string[] args) => CliProcess.RunAsync(Server.Address, args);

    public async Task InitializeAsync()
    {
        _server = await CliServer.StartAsync();
        foreach (var file in SampleFiles)
        {
            var rejects = Path.Combine(Server.Directory, file + ".rejects.jsonl");
            RejectsFiles[file] = rejects;
            Ingested[file] = await RunAsync("ingest", RepositoryLayout.Sample(file), "--rejects", rejects, "--output", "json");
        }
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

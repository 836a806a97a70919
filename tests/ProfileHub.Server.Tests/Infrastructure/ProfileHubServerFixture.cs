using ProfileHub.Grpc.Client;

namespace ProfileHub.Server.Tests.Infrastructure;

/// <summary>
/// One server process shared by the tests of a collection. Derive and pass extra command-line
/// arguments (journey settings, Redis, job intervals) for a dedicated instance.
/// </summary>
public class ProfileHubServerFixture : IAsyncLifetime
{
    private readonly string[] _extraArguments;
    private ProfileHubServerProcess? _server;

    public ProfileHubServerFixture()
        : this([])
    {
    }

    protected ProfileHubServerFixture(IEnumerable<string> extraArguments)
    {
        _extraArguments = [.. extraArguments];
    }

    public ProfileHubServerProcess Server => _server ?? throw new InvalidOperationException("The fixture has not started.");

    public GrpcChannel Channel => Server.Channel;

    public async Task InitializeAsync() => _server = await ProfileHubServerProcess.StartAsync(_extraArguments);

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

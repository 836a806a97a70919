using System.CommandLine;
using ProfileHub.Grpc;
using ProfileHub.Grpc.Client;

namespace ProfileHub.Cli;

/// <summary>The channel and per-call options a command uses, built from the global options.</summary>
internal sealed class ServerConnection : IDisposable
{
    private readonly string? _token;

    private ServerConnection(GrpcChannel channel, string? token, OutputFormat output)
    {
        Channel = channel;
        _token = token;
        Output = output;
    }

    public GrpcChannel Channel { get; }

    public OutputFormat Output { get; }

    public static ServerConnection From(ParseResult parse)
    {
        var address = parse.GetValue(GlobalOptions.Address) ?? GlobalOptions.DefaultAddress;
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new UsageException($"--address '{address}' must be an absolute http:// or https:// URL.");
        }

        // Responses of a long ingest call carry one result per record; allow more than the 4 MiB default.
        var channel = GrpcChannel.ForAddress(uri, new GrpcChannelOptions { MaxReceiveMessageSize = 64 * 1024 * 1024, ConnectTimeout = TimeSpan.FromSeconds(5) });
        return new ServerConnection(channel, parse.GetValue(GlobalOptions.Token), parse.GetValue(GlobalOptions.Output));
    }

    public CallOptions Call(CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        Metadata? headers = null;
        if (_token is { Length: > 0 })
        {
            headers = new Metadata { { "authorization", "Bearer " + _token } };
        }

        return new CallOptions(Headers: headers, Deadline: timeout is { } t ? DateTime.UtcNow + t : null, CancellationToken: cancellationToken);
    }

    public void Dispose() => Channel.Dispose();
}

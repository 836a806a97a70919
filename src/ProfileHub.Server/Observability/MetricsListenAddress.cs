using System.Net;

namespace ProfileHub.Server.Observability;

/// <summary>Where the metrics port binds: <c>ProfileHub:Metrics:Address</c>, else the host of the first gRPC URL.</summary>
internal static class MetricsListenAddress
{
    public const string DefaultGrpcUrl = "http://127.0.0.1:5000";

    public static IPAddress Resolve(string? configuredAddress, string? grpcUrls)
    {
        if (!string.IsNullOrWhiteSpace(configuredAddress))
        {
            return Parse(configuredAddress.Trim(), "ProfileHub:Metrics:Address");
        }

        var first = (string.IsNullOrWhiteSpace(grpcUrls) ? DefaultGrpcUrl : grpcUrls)
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0];
        var schemeEnd = first.IndexOf("://", StringComparison.Ordinal);
        var authority = schemeEnd >= 0 ? first[(schemeEnd + 3)..] : first;
        var slash = authority.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            authority = authority[..slash];
        }

        // Strip the port: the last colon outside an IPv6 literal's brackets.
        var host = authority.StartsWith('[') ? authority[..(authority.IndexOf(']', StringComparison.Ordinal) + 1)]
            : authority.LastIndexOf(':') is var colon and >= 0 ? authority[..colon] : authority;
        return Parse(host, "the gRPC URL (ASPNETCORE_URLS / --urls)");
    }

    private static IPAddress Parse(string host, string origin)
    {
        switch (host)
        {
            case "+" or "*" or "0.0.0.0":
                return IPAddress.Any;
            case "[::]" or "::":
                return IPAddress.IPv6Any;
            case "localhost":
                return IPAddress.Loopback;
        }

        if (IPAddress.TryParse(host.Trim('[', ']'), out var address))
        {
            return address;
        }

        // A host name: bind where it resolves, preferring IPv4 like the rest of ProfileHub's defaults.
        var resolved = Dns.GetHostAddresses(host);
        return resolved.FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
            ?? resolved.FirstOrDefault()
            ?? throw new InvalidOperationException($"Cannot bind the metrics endpoint: host '{host}' from {origin} does not resolve.");
    }
}

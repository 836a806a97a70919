using System.Globalization;
using System.Text;

namespace ProfileHub.Redis;

/// <summary>
/// A parsed connection string in StackExchange.Redis syntax:
/// <c>host:port[,password=…,user=…,ssl=true,sslHost=…,defaultDatabase=N,connectTimeout=ms,syncTimeout=ms,abortConnect=false,keyPrefix=…,name=…]</c>.
/// </summary>
public sealed record RedisEndpointConfiguration
{
    /// <summary>The port used when the endpoint names none.</summary>
    public const int DefaultPort = 6379;

    /// <summary>Host name or IP address of the server.</summary>
    public required string Host { get; init; }

    /// <summary>TCP port of the server.</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>Password for <c>AUTH</c>; null when the server needs none.</summary>
    public string? Password { get; init; }

    /// <summary>ACL user for <c>AUTH user password</c>; null for the default user.</summary>
    public string? User { get; init; }

    /// <summary>Whether the connection is wrapped in TLS.</summary>
    public bool Ssl { get; init; }

    /// <summary>Name the server certificate must carry; defaults to <see cref="Host"/>.</summary>
    public string? SslHost { get; init; }

    /// <summary>Database selected with <c>SELECT</c> after connecting.</summary>
    public int DefaultDatabase { get; init; }

    /// <summary>Time allowed to open the socket, negotiate TLS and authenticate.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Time a command waits for its reply before failing with <see cref="RedisTimeoutException"/>.</summary>
    public TimeSpan SyncTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>When true, a failed first connection makes <c>RedisConnection.ConnectAsync</c> throw instead of retrying in the background.</summary>
    public bool AbortConnect { get; init; } = true;

    /// <summary>Prefix put in front of every key (and channel) this client sends.</summary>
    public string KeyPrefix { get; init; } = "";

    /// <summary>Name announced with <c>CLIENT SETNAME</c> (visible in <c>CLIENT LIST</c>).</summary>
    public string ClientName { get; init; } = "profilehub";

    /// <summary>Parses a configuration string; errors name the offending part.</summary>
    /// <param name="configuration">The configuration string.</param>
    /// <returns>The parsed configuration.</returns>
    /// <exception cref="FormatException">The string is empty or a part is invalid.</exception>
    public static RedisEndpointConfiguration Parse(string configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        string? host = null;
        var port = DefaultPort;
        var result = new RedisEndpointConfiguration { Host = "" };
        foreach (var rawPart in configuration.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = rawPart.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                if (host is not null)
                {
                    throw new FormatException($"Redis configuration: a second endpoint '{rawPart}' is given; only one endpoint is supported.");
                }

                (host, port) = ParseEndpoint(rawPart);
                continue;
            }

            var key = rawPart[..equals].Trim();
            var value = rawPart[(equals + 1)..].Trim();
            result = ApplyOption(result, key, value);
        }

        if (host is null)
        {
            throw new FormatException("Redis configuration: no endpoint given; expected 'host:port' as the first part.");
        }

        return result with { Host = host, Port = port };
    }

    /// <summary>The configuration with the password hidden, safe for logs.</summary>
    /// <returns>A redacted configuration string.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host).Append(':').Append(Port.ToString(CultureInfo.InvariantCulture));
        if (User is not null)
        {
            text.Append(",user=").Append(User);
        }

        if (Password is not null)
        {
            text.Append(",password=*****");
        }

        if (Ssl)
        {
            text.Append(",ssl=true");
        }

        if (DefaultDatabase != 0)
        {
            text.Append(",defaultDatabase=").Append(DefaultDatabase.ToString(CultureInfo.InvariantCulture));
        }

        if (KeyPrefix.Length > 0)
        {
            text.Append(",keyPrefix=").Append(KeyPrefix);
        }

        return text.ToString();
    }

    private static (string Host, int Port) ParseEndpoint(string part)
    {
        string host;
        string? portText = null;
        if (part.StartsWith('['))
        {
            var close = part.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                throw new FormatException($"Redis configuration: endpoint '{part}' has '[' without ']'.");
            }

            host = part[1..close];
            var rest = part[(close + 1)..];
            if (rest.Length > 0)
            {
                portText = rest.StartsWith(':') ? rest[1..] : throw new FormatException($"Redis configuration: endpoint '{part}' has text after ']' that is not ':port'.");
            }
        }
        else
        {
            var colon = part.LastIndexOf(':');
            if (colon >= 0 && part.IndexOf(':', StringComparison.Ordinal) != colon)
            {
                throw new FormatException($"Redis configuration: endpoint '{part}' looks like an IPv6 address; write it as [address]:port.");
            }

            host = colon < 0 ? part : part[..colon];
            portText = colon < 0 ? null : part[(colon + 1)..];
        }

        if (host.Length == 0)
        {
            throw new FormatException($"Redis configuration: endpoint '{part}' has no host.");
        }

        var port = DefaultPort;
        if (portText is not null && (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
        {
            throw new FormatException($"Redis configuration: endpoint '{part}' has port '{portText}', expected a number from 1 to 65535.");
        }

        return (host, port);
    }

    private static RedisEndpointConfiguration ApplyOption(RedisEndpointConfiguration current, string key, string value) =>
        key.ToUpperInvariant() switch
        {
            "PASSWORD" => current with { Password = value.Length == 0 ? null : value },
            "USER" => current with { User = RequireText(key, value) },
            "SSL" => current with { Ssl = ParseBool(key, value) },
            "SSLHOST" => current with { SslHost = RequireText(key, value) },
            "DEFAULTDATABASE" => current with { DefaultDatabase = ParseInt(key, value, 0, 1_000_000) },
            "CONNECTTIMEOUT" => current with { ConnectTimeout = TimeSpan.FromMilliseconds(ParseInt(key, value, 1, int.MaxValue)) },
            "SYNCTIMEOUT" or "ASYNCTIMEOUT" => current with { SyncTimeout = TimeSpan.FromMilliseconds(ParseInt(key, value, 1, int.MaxValue)) },
            "ABORTCONNECT" => current with { AbortConnect = ParseBool(key, value) },
            "KEYPREFIX" => current with { KeyPrefix = value },
            "NAME" => current with { ClientName = RequireClientName(key, value) },
            _ => throw new FormatException($"Redis configuration: unknown option '{key}'. Known options: password, user, ssl, sslHost, defaultDatabase, connectTimeout, syncTimeout, abortConnect, keyPrefix, name."),
        };

    private static string RequireText(string key, string value) =>
        value.Length > 0 ? value : throw new FormatException($"Redis configuration: '{key}=' needs a value.");

    private static string RequireClientName(string key, string value) =>
        value.Length > 0 && !value.Any(char.IsWhiteSpace)
            ? value
            : throw new FormatException($"Redis configuration: '{key}={value}' must be non-empty and contain no spaces.");

    private static bool ParseBool(string key, string value) =>
        bool.TryParse(value, out var flag) ? flag : throw new FormatException($"Redis configuration: '{key}={value}' must be true or false.");

    private static int ParseInt(string key, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max
            ? number
            : throw new FormatException($"Redis configuration: '{key}={value}' must be a whole number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}.");
}

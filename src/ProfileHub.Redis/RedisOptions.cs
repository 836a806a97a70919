using System.Net.Security;

namespace ProfileHub.Redis;

/// <summary>Options of the Redis client, bound by the host from <c>ProfileHub:Redis</c>.</summary>
public sealed class RedisOptions
{
    /// <summary>The configuration section the host binds these options from.</summary>
    public const string SectionName = "ProfileHub:Redis";

    /// <summary>
    /// Connection string in StackExchange.Redis syntax (see <see cref="RedisEndpointConfiguration"/>);
    /// empty means Redis is not used.
    /// </summary>
    public string Configuration { get; set; } = "";

    /// <summary>First delay before reconnecting after the connection dropped; doubles per failed attempt.</summary>
    public TimeSpan ReconnectMinDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Upper bound of the reconnect delay.</summary>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How often the pub/sub connection sends PING. A subscriber only receives, so without it a
    /// silently dead link (no RST) would go unnoticed and invalidations would be missed.
    /// </summary>
    public TimeSpan SubscriberHeartbeat { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Optional server-certificate check for TLS (for a private CA); null uses the platform's
    /// default validation. Not bindable from configuration.
    /// </summary>
    public RemoteCertificateValidationCallback? CertificateValidation { get; set; }
}

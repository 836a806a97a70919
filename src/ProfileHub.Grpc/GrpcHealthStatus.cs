using System.Threading.Channels;
using ProfileHub.Grpc.Internal;

namespace ProfileHub.Grpc;

/// <summary>
/// The serving status of each service, reported by grpc.health.v1.Health. The service "" stands for the
/// server as a whole and starts as <see cref="HealthStatus.Serving"/>; every mapped service is set to
/// Serving when mapped. On application stopping every status flips to NotServing and watches end.
/// </summary>
public sealed class GrpcHealthStatus
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, HealthStatus> _statuses = new(StringComparer.Ordinal) { [string.Empty] = HealthStatus.Serving };
    private readonly List<(string Service, ChannelWriter<HealthStatus> Writer)> _watchers = [];
    private bool _shutDown;

    /// <summary>True once <see cref="EnterShutdown"/> ran; no status can become Serving again.</summary>
    public bool IsShutDown
    {
        get
        {
            lock (_gate)
            {
                return _shutDown;
            }
        }
    }

    /// <summary>Sets a service's status and notifies its watchers.</summary>
    /// <param name="service">Fully qualified service name, or "" for the whole server.</param>
    /// <param name="status">The new status.</param>
    public void SetStatus(string service, HealthStatus status)
    {
        ArgumentNullException.ThrowIfNull(service);
        lock (_gate)
        {
            if (_shutDown)
            {
                status = HealthStatus.NotServing;
            }

            _statuses[service] = status;
            Notify(service, status);
        }
    }

    /// <summary>Returns the service's status, or null when the service is unknown.</summary>
    /// <param name="service">Fully qualified service name, or "".</param>
    /// <returns>The status or null.</returns>
    public HealthStatus? GetStatus(string service)
    {
        ArgumentNullException.ThrowIfNull(service);
        lock (_gate)
        {
            return _statuses.TryGetValue(service, out var status) ? status : null;
        }
    }

    /// <summary>Flips every service to NotServing and ends every watch. Called when the application stops.</summary>
    public void EnterShutdown()
    {
        lock (_gate)
        {
            _shutDown = true;
            foreach (var service in _statuses.Keys.ToList())
            {
                _statuses[service] = HealthStatus.NotServing;
                Notify(service, HealthStatus.NotServing);
            }

            foreach (var (_, writer) in _watchers)
            {
                writer.TryComplete();
            }

            _watchers.Clear();
        }
    }

    /// <summary>Subscribes to a service's status: the current one first, then every change. Dispose to unsubscribe.</summary>
    internal HealthWatch Watch(string service)
    {
        var channel = Channel.CreateBounded<HealthStatus>(new BoundedChannelOptions(16) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_gate)
        {
            channel.Writer.TryWrite(_statuses.TryGetValue(service, out var status) ? status : HealthStatus.ServiceUnknown);
            if (_shutDown)
            {
                channel.Writer.TryComplete();
            }
            else
            {
                _watchers.Add((service, channel.Writer));
            }
        }

        return new HealthWatch(channel.Reader, () =>
        {
            lock (_gate)
            {
                _watchers.RemoveAll(w => w.Writer == channel.Writer);
            }

            channel.Writer.TryComplete();
        });
    }

    private void Notify(string service, HealthStatus status)
    {
        foreach (var (watched, writer) in _watchers)
        {
            if (watched == service)
            {
                writer.TryWrite(status);
            }
        }
    }
}

using System.Threading.Channels;

namespace ProfileHub.Grpc.Internal;

/// <summary>One Watch subscription: the statuses to send, and how to unsubscribe.</summary>
internal sealed class HealthWatch(ChannelReader<HealthStatus> updates, Action unsubscribe) : IDisposable
{
    public ChannelReader<HealthStatus> Updates { get; } = updates;

    public void Dispose() => unsubscribe();
}

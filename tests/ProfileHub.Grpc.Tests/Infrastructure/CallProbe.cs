using System.Collections.Concurrent;

namespace ProfileHub.Grpc.Tests.Infrastructure;

/// <summary>What the server saw of calls carrying an "x-probe-id" header, recorded by the probe interceptors.</summary>
public sealed class CallProbe
{
    public const string Header = "x-probe-id";

    private readonly ConcurrentDictionary<string, ProbeRecord> _records = new();

    public ProbeRecord For(string probeId) => _records.GetOrAdd(probeId, _ => new ProbeRecord());

    public sealed class ProbeRecord
    {
        private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ConcurrentQueue<string> Steps { get; } = new();

        public bool TokenCancelledAtEnd { get; set; }

        public Task Finished => _finished.Task;

        public void MarkFinished() => _finished.TrySetResult();
    }
}

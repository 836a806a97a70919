using V1 = ProfileHub.Contracts.V1;

namespace ProfileHub.Bench.Load;

/// <summary>What the server answered for one sampled record.</summary>
internal sealed class SampledResult
{
    public V1.IngestOutcome Outcome { get; set; }

    public string ProfileId { get; set; } = string.Empty;
}

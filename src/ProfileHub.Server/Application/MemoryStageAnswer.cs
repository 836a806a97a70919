using V1 = ProfileHub.Contracts.V1;

namespace ProfileHub.Server.Application;

/// <summary>
/// A finished GetJourneyStage answer (served from memory), attached to the L1 ref entry of a lookup.
/// It holds while that ref entry lives and the L1 stage entry still holds <see cref="StageValue"/>, the
/// very bytes it was built from: any invalidation, reload, eviction or expiry of either drops it.
/// </summary>
/// <param name="StageKey">The L1 key of the stage view the answer was built from.</param>
/// <param name="StageValue">The stage view bytes (compared by reference, not content).</param>
/// <param name="Response">The completed answer, shared by every call it serves: read-only once built.</param>
internal sealed record MemoryStageAnswer(string StageKey, byte[] StageValue, Task<V1.JourneyStageResponse> Response);

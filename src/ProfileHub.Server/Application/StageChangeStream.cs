using ProfileHub.Core.Changes;
using ProfileHub.Grpc;
using ProfileHub.Server.Mapping;
using ProfileHub.Storage;
using V1 = ProfileHub.Contracts.V1;

namespace ProfileHub.Server.Application;

/// <summary>
/// Serves WatchStageChanges: history from the cursor, then live changes, with no gap between the
/// two because both come from the same ordered change feed. Wakes on local commits and polls for
/// other replicas' commits; sends heartbeats so idle streams survive proxies.
/// </summary>
internal sealed class StageChangeStream(IProfileStore store, ChangeSignal signal)
{
    private const int PageSize = 500;
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    public async Task RunAsync(string cursor, IReadOnlySet<string> stages, TimeSpan heartbeat, IServerStreamWriter<V1.StageChangeEvent> responses, CancellationToken cancellationToken)
    {
        var after = string.IsNullOrEmpty(cursor)
            ? await store.GetLastChangeSequenceAsync(cancellationToken)
            : ChangeCursor.Decode(cursor, "cursor");
        var lastSent = DateTimeOffset.UtcNow;

        while (!cancellationToken.IsCancellationRequested)
        {
            var page = await store.ListChangesAsync(after, PageSize, cancellationToken);
            foreach (var change in page)
            {
                after = change.Sequence;
                if (IsWatched(change, stages))
                {
                    await responses.WriteAsync(new V1.StageChangeEvent { Change = ChangeMapping.ToProto(change), Cursor = ChangeCursor.Encode(after) }, cancellationToken);
                    lastSent = DateTimeOffset.UtcNow;
                }
            }

            if (page.Count == PageSize)
            {
                continue;
            }

            var untilHeartbeat = lastSent + heartbeat - DateTimeOffset.UtcNow;
            if (untilHeartbeat <= TimeSpan.Zero)
            {
                await responses.WriteAsync(new V1.StageChangeEvent { Heartbeat = true, Cursor = ChangeCursor.Encode(after) }, cancellationToken);
                lastSent = DateTimeOffset.UtcNow;
                continue;
            }

            await signal.WaitAsync(after, untilHeartbeat < PollInterval ? untilHeartbeat : PollInterval, cancellationToken);
        }
    }

    private static bool IsWatched(ProfileChange change, IReadOnlySet<string> stages) => change.Kind switch
    {
        ChangeKind.StageChanged => stages.Count == 0 || (change.ToStage is { } to && stages.Contains(to)),
        ChangeKind.ProfileMerged or ChangeKind.ProfileForgotten or ChangeKind.ProfileSplit => true,
        ChangeKind.AtRiskChanged => stages.Count == 0,
        _ => false,
    };
}

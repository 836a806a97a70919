using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace ProfileHub.Storage.Sqlite;

/// <summary>
/// The single writer: takes everything queued (up to the group limit), applies it in one
/// transaction and commits once. With a <see cref="DurabilityFlusher"/> the commit does not wait
/// for the disk: the group goes to the flusher, which releases its callers after the fsync that
/// covers it, while this thread already applies the next group. Without one (no WAL file, e.g. an
/// in-memory database) the commit itself is durable (synchronous=FULL) and callers are released
/// right after it. When a group fails, each request is retried alone so one bad request cannot
/// fail the others.
/// </summary>
internal sealed class SqliteWriter : IAsyncDisposable
{
    private readonly Channel<WriteRequest> _queue = Channel.CreateUnbounded<WriteRequest>(new UnboundedChannelOptions { SingleReader = true });
    private readonly WriterSession _session;
    private readonly ChangeSignal _signal;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly int _maxGroupRecords;
    private readonly DurabilityFlusher? _flusher;
    private readonly Task _loop;
    private long _committedSequence;

    /// <param name="session">The writer connection and its state.</param>
    /// <param name="signal">Woken with each change sequence callers may see.</param>
    /// <param name="time">Commit clock.</param>
    /// <param name="maxGroupRecords">Most records in one group commit.</param>
    /// <param name="flusher">Acknowledges groups after their fsync; null when each commit is durable by itself.</param>
    /// <param name="logger">Writer log.</param>
    public SqliteWriter(WriterSession session, ChangeSignal signal, TimeProvider time, int maxGroupRecords, DurabilityFlusher? flusher, ILogger logger)
    {
        _session = session;
        _signal = signal;
        _time = time;
        _maxGroupRecords = maxGroupRecords;
        _flusher = flusher;
        _logger = logger;
        _committedSequence = session.Changes.LastSequence;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>The newest change sequence on disk: the change feed is read up to here and no further.</summary>
    public long DurableSequence => _flusher?.DurableSequence ?? Volatile.Read(ref _committedSequence);

    /// <summary>Why the writer refuses writes (a failed flush), or null while it accepts them.</summary>
    public Exception? Failure => _flusher?.Failure;

    /// <summary>Limit conflicts counted since start-up.</summary>
    public long LimitConflicts => _session.Records.LimitConflicts;

    /// <summary>Queues a request; false once the writer is shutting down.</summary>
    public bool TryEnqueue(WriteRequest request) => _queue.Writer.TryWrite(request);

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        try
        {
            await _loop.ConfigureAwait(false);
        }
        finally
        {
            // The last groups are committed; their callers are released by this final flush.
            _flusher?.Dispose();
            _session.Dispose();
        }
    }

    private async Task RunAsync()
    {
        var group = new List<WriteRequest>();
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                group.Clear();
                var records = 0;
                while (records < _maxGroupRecords && reader.TryRead(out var request))
                {
                    if (request.TryStart())
                    {
                        group.Add(request);
                        records += request.Size;
                    }
                }

                if (group.Count > 0)
                {
                    RunGroup(group, records);
                }
            }
        }
        catch (Exception ex)
        {
            StorageLog.WriterCrashed(_logger, ex);
            _queue.Writer.TryComplete(ex);
            while (reader.TryRead(out var request))
            {
                if (request.TryStart())
                {
                    request.Fail(ex);
                }
            }

            throw;
        }
    }

    private void RunGroup(List<WriteRequest> group, int records)
    {
        if (RefusedAfterFailedFlush(group))
        {
            return;
        }

        var started = Stopwatch.GetTimestamp();
        var firstSequence = _session.Changes.LastSequence;
        try
        {
            _session.Begin(_time.GetUtcNow());
            foreach (var request in group)
            {
                request.Apply(_session);
            }

            _session.Commit();
        }
        catch (Exception ex) when (group.Count > 1)
        {
            _session.Rollback();
            StorageLog.GroupFailed(_logger, ex, group.Count);
            foreach (var request in group)
            {
                RunAlone(request);
            }

            return;
        }
        catch (Exception ex)
        {
            _session.Rollback();
            StorageLog.RequestFailed(_logger, ex);
            group[0].Fail(ex);
            return;
        }

        var lastSequence = _session.Changes.LastSequence;
        Release(group.ToArray(), firstSequence, lastSequence);

        if (_logger.IsEnabled(LogLevel.Debug))
        {
            var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            StorageLog.GroupCommitted(_logger, group.Count, records, (int)(lastSequence - firstSequence), elapsedMs);
        }
    }

    private void RunAlone(WriteRequest request)
    {
        if (RefusedAfterFailedFlush([request]))
        {
            return;
        }

        var firstSequence = _session.Changes.LastSequence;
        try
        {
            _session.Begin(_time.GetUtcNow());
            request.Apply(_session);
            _session.Commit();
        }
        catch (Exception ex)
        {
            _session.Rollback();
            StorageLog.RequestFailed(_logger, ex);
            request.Fail(ex);
            return;
        }

        Release([request], firstSequence, _session.Changes.LastSequence);
    }

    /// <summary>
    /// After a failed fsync nothing more is committed: it could not be acknowledged honestly, since
    /// the fate of the unflushed frames before it is unknown. Fails the requests when so.
    /// </summary>
    private bool RefusedAfterFailedFlush(IReadOnlyList<WriteRequest> requests)
    {
        if (_flusher?.Failure is not { } failure)
        {
            return false;
        }

        foreach (var request in requests)
        {
            request.Fail(new StoreWritesRefusedException("The profile store refuses writes: an earlier write could not be flushed to disk. Restart the process once the disk is healthy.", failure));
        }

        return true;
    }

    /// <summary>Acknowledges committed requests: after the flush that covers them, or now when the commit was durable.</summary>
    private void Release(WriteRequest[] requests, long firstSequence, long lastSequence)
    {
        if (_flusher is not null)
        {
            _flusher.Submit(new CommittedGroup(requests, lastSequence));
            return;
        }

        // Watchers are woken before callers are released, so a caller that saw its ack also sees the signal.
        Volatile.Write(ref _committedSequence, lastSequence);
        if (lastSequence > firstSequence)
        {
            _signal.Publish(lastSequence);
        }

        foreach (var request in requests)
        {
            request.Complete();
        }
    }
}

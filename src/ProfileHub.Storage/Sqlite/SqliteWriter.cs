using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace ProfileHub.Storage.Sqlite;

/// <summary>
/// The single writer: takes everything queued (up to the group limit), applies it in one
/// transaction, commits once (one fsync for the whole group), then releases every caller. When a
/// group fails, each request is retried alone so one bad request cannot fail the others.
/// </summary>
internal sealed class SqliteWriter : IAsyncDisposable
{
    private readonly Channel<WriteRequest> _queue = Channel.CreateUnbounded<WriteRequest>(new UnboundedChannelOptions { SingleReader = true });
    private readonly WriterSession _session;
    private readonly ChangeSignal _signal;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly int _maxGroupRecords;
    private readonly Task _loop;

    public SqliteWriter(WriterSession session, ChangeSignal signal, TimeProvider time, int maxGroupRecords, ILogger logger)
    {
        _session = session;
        _signal = signal;
        _time = time;
        _maxGroupRecords = maxGroupRecords;
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Limit conflicts counted since start-up.</summary>
    public long LimitConflicts => _session.Records.LimitConflicts;

    /// <summary>Queues a request; false once the writer is shutting down.</summary>
    public bool TryEnqueue(WriteRequest request) => _queue.Writer.TryWrite(request);

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        _session.Dispose();
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

        // Watchers are woken before callers are released, so a caller that saw its ack also sees the signal.
        var lastSequence = _session.Changes.LastSequence;
        if (lastSequence > firstSequence)
        {
            _signal.Publish(lastSequence);
        }

        foreach (var request in group)
        {
            request.Complete();
        }

        if (_logger.IsEnabled(LogLevel.Debug))
        {
            var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            StorageLog.GroupCommitted(_logger, group.Count, records, (int)(lastSequence - firstSequence), elapsedMs);
        }
    }

    private void RunAlone(WriteRequest request)
    {
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

        if (_session.Changes.LastSequence > firstSequence)
        {
            _signal.Publish(_session.Changes.LastSequence);
        }

        request.Complete();
    }
}

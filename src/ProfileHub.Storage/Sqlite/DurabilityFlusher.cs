using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace ProfileHub.Storage.Sqlite;

/// <summary>
/// Acknowledges group commits once they are on disk, so the writer need not wait for the disk. The
/// writer commits with synchronous=NORMAL (the WAL frames reach the page cache, not the disk) and
/// hands the group over here; this dedicated thread fsyncs the WAL file, then publishes the
/// group's last change sequence as durable, wakes change-feed watchers and completes the group's
/// requests. One fsync covers every group committed before it started, so the groups the writer
/// committed while the previous fsync ran share the next one.
/// </summary>
/// <remarks>
/// WAL recovery only replays a prefix of the log whose frame checksums chain, so durability is
/// ordered: a group is never on disk without every group committed before it. SQLite itself fsyncs
/// the WAL before each checkpoint and the database after it, so frames that a checkpoint moves out
/// of the log before this thread flushes are durable too.
/// A failed fsync leaves the page cache in an unknown state (Linux may have dropped the dirty pages
/// and cleared the error), so a later fsync that succeeds proves nothing about the failed frames:
/// the covered requests fail, nothing is acknowledged again, and the writer refuses new work.
/// </remarks>
internal sealed class DurabilityFlusher : IDisposable
{
    private readonly IWalFlush _flush;
    private readonly ChangeSignal _signal;
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private readonly Thread _thread;
    private List<CommittedGroup> _pending = [];
    private List<CommittedGroup> _flushing = [];
    private long _durableSequence;
    private Exception? _failure;
    private bool _stopping;

    /// <param name="flush">Flushes the WAL file; called on this flusher's thread only.</param>
    /// <param name="signal">Woken with each newly durable sequence.</param>
    /// <param name="durableSequence">The newest change sequence already on disk at start.</param>
    /// <param name="logger">Failure and debug timing log.</param>
    public DurabilityFlusher(IWalFlush flush, ChangeSignal signal, long durableSequence, ILogger logger)
    {
        _flush = flush;
        _signal = signal;
        _durableSequence = durableSequence;
        _logger = logger;
        _thread = new Thread(Run) { IsBackground = true, Name = "ProfileHub WAL flusher" };
        _thread.Start();
    }

    /// <summary>The newest change sequence known to be on disk; the change feed reads no further.</summary>
    public long DurableSequence => Volatile.Read(ref _durableSequence);

    /// <summary>The failed flush that made the store refuse writes, or null while flushes succeed.</summary>
    public Exception? Failure => Volatile.Read(ref _failure);

    /// <summary>Hands over a committed group; its requests complete after the next flush (or fail with it).</summary>
    public void Submit(CommittedGroup group)
    {
        Exception? failure;
        lock (_gate)
        {
            failure = _failure;
            if (failure is null)
            {
                _pending.Add(group);
                if (_pending.Count == 1)
                {
                    Monitor.Pulse(_gate);
                }

                return;
            }
        }

        // A flush already failed: this group's frames may never reach the disk either.
        FailRequests(group.Requests, failure);
    }

    /// <summary>Flushes whatever was submitted, then stops the thread.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _stopping = true;
            Monitor.Pulse(_gate);
        }

        _thread.Join();
        _flush.Dispose();
    }

    private void Run()
    {
        while (true)
        {
            lock (_gate)
            {
                while (_pending.Count == 0 && !_stopping)
                {
                    Monitor.Wait(_gate);
                }

                if (_pending.Count == 0)
                {
                    return;
                }

                (_pending, _flushing) = (_flushing, _pending);
            }

            if (!FlushAndAcknowledge(_flushing))
            {
                return;
            }

            _flushing.Clear();
        }
    }

    private bool FlushAndAcknowledge(List<CommittedGroup> groups)
    {
        var started = Stopwatch.GetTimestamp();
        var lastSequence = groups[^1].LastSequence;
        try
        {
            _flush.Flush();
        }
        catch (Exception ex)
        {
            Fail(groups, lastSequence, ex);
            return false;
        }

        if (lastSequence > DurableSequence)
        {
            // Durable first: a watcher woken by the signal reads the feed up to this sequence.
            Volatile.Write(ref _durableSequence, lastSequence);
            _signal.Publish(lastSequence);
        }

        var requests = 0;
        foreach (var group in groups)
        {
            foreach (var request in group.Requests)
            {
                request.Complete();
            }

            requests += group.Requests.Length;
        }

        if (_logger.IsEnabled(LogLevel.Debug))
        {
            var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            DurabilityLog.Flushed(_logger, groups.Count, requests, lastSequence, elapsedMs);
        }

        return true;
    }

    private void Fail(List<CommittedGroup> groups, long lastSequence, Exception flushError)
    {
        var failure = new StoreWritesRefusedException(
            "The write was committed but could not be flushed to disk, so it was not acknowledged; the profile store refuses further writes until the process is restarted.",
            flushError);
        List<CommittedGroup> late;
        lock (_gate)
        {
            Volatile.Write(ref _failure, failure);
            late = _pending;
            _pending = [];
        }

        var requests = 0;
        foreach (var group in groups.Concat(late))
        {
            FailRequests(group.Requests, failure);
            requests += group.Requests.Length;
            lastSequence = Math.Max(lastSequence, group.LastSequence);
        }

        DurabilityLog.FlushFailed(_logger, flushError, requests, lastSequence);
    }

    private static void FailRequests(WriteRequest[] requests, Exception failure)
    {
        foreach (var request in requests)
        {
            request.Fail(failure);
        }
    }
}

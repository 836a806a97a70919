namespace ProfileHub.Storage.Sqlite;

/// <summary>
/// A unit of work queued for the single writer. A request cancelled before the writer starts it is
/// skipped; once started it runs to commit (or failure) and only then is the caller released.
/// </summary>
internal abstract class WriteRequest
{
    private const int Pending = 0;
    private const int Started = 1;
    private const int Cancelled = 2;

    private int _state;

    /// <summary>How many records the request carries (sizes the group commit).</summary>
    public abstract int Size { get; }

    /// <summary>Claims the request for the writer; false when its caller already gave up.</summary>
    public bool TryStart() => Interlocked.CompareExchange(ref _state, Started, Pending) == Pending;

    /// <summary>Runs inside the writer's open transaction; the result is held until commit.</summary>
    public abstract void Apply(WriterSession session);

    /// <summary>Releases the caller with the result of the committed work.</summary>
    public abstract void Complete();

    /// <summary>Releases the caller with the failure; nothing of this request was committed.</summary>
    public abstract void Fail(Exception exception);

    protected bool TryCancel() => Interlocked.CompareExchange(ref _state, Cancelled, Pending) == Pending;
}

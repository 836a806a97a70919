namespace ProfileHub.Storage.Sqlite;

/// <summary>A write request whose caller awaits a <typeparamref name="T"/>.</summary>
internal abstract class WriteRequest<T> : WriteRequest
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenRegistration _registration;
    private T? _result;

    /// <summary>The caller's view: completes after commit, or cancels while still queued.</summary>
    public Task<T> Completion => _completion.Task;

    /// <summary>Lets the caller's token remove the request while it is still queued.</summary>
    public void Watch(CancellationToken cancellationToken)
    {
        if (cancellationToken.CanBeCanceled)
        {
            _registration = cancellationToken.Register(static (state, token) =>
            {
                var request = (WriteRequest<T>)state!;
                if (request.TryCancel())
                {
                    request._completion.TrySetCanceled(token);
                }
            }, this);
        }
    }

    public sealed override void Apply(WriterSession session) => _result = Run(session);

    public sealed override void Complete()
    {
        _registration.Dispose();
        _completion.TrySetResult(_result!);
    }

    public sealed override void Fail(Exception exception)
    {
        _registration.Dispose();
        _completion.TrySetException(exception);
    }

    protected abstract T Run(WriterSession session);
}

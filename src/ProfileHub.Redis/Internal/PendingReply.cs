namespace ProfileHub.Redis.Internal;

/// <summary>
/// The completion a caller awaits, converting the raw reply to the command's result type. Its
/// slot in the reply queue stays until the reply is read, even when the caller is cancelled, so
/// the next reply still goes to the next caller.
/// </summary>
internal sealed class PendingReply<T> : TaskCompletionSource<T>, IPendingReply
{
    private readonly Func<RedisReply, T> _convert;
    private CancellationTokenRegistration _cancellation;

    public PendingReply(RedisCommandName command, long deadline, Func<RedisReply, T> convert)
        : base(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        Command = command;
        Deadline = deadline;
        _convert = convert;
    }

    public RedisCommandName Command { get; }

    public long Deadline { get; }

    public bool IsCompleted => Task.IsCompleted;

    public void ObserveCancellation(CancellationToken cancellationToken)
    {
        if (!cancellationToken.CanBeCanceled)
        {
            return;
        }

        _cancellation = cancellationToken.UnsafeRegister(
            static (state, token) => ((PendingReply<T>)state!).TrySetCanceled(token), this);
        if (Task.IsCompleted)
        {
            _cancellation.Unregister();
        }
    }

    public void Complete(in RedisReply reply)
    {
        if (Task.IsCompleted)
        {
            return;
        }

        _cancellation.Unregister();
        if (reply.IsError)
        {
            TrySetException(new RedisServerException(reply.ErrorMessage!));
            return;
        }

        T value;
        try
        {
            value = _convert(reply);
        }
        catch (RedisException ex)
        {
            TrySetException(ex);
            return;
        }

        TrySetResult(value);
    }

    public void Fail(Exception exception)
    {
        _cancellation.Unregister();
        TrySetException(exception);
    }
}

namespace ProfileHub.Redis.Internal;

/// <summary>A command written to the socket whose reply has not been read yet.</summary>
internal interface IPendingReply
{
    RedisCommandName Command { get; }

    /// <summary>Environment.TickCount64 value after which the caller gets a timeout.</summary>
    long Deadline { get; }

    bool IsCompleted { get; }

    /// <summary>Hands the reply to the caller; if the caller gave up (cancelled, timed out) the reply is dropped.</summary>
    void Complete(in RedisReply reply);

    void Fail(Exception exception);
}

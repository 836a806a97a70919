namespace ProfileHub.Storage.SqlServer;

/// <summary>
/// An app lock was refused (lock timeout or chosen as deadlock victim). The transaction is rolled
/// back and retried like a deadlock.
/// </summary>
internal sealed class AppLockNotGrantedException : Exception
{
    public AppLockNotGrantedException()
        : base("an application lock on the profile store was not granted (timeout or deadlock)")
    {
    }

    public AppLockNotGrantedException(string message)
        : base(message)
    {
    }

    public AppLockNotGrantedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

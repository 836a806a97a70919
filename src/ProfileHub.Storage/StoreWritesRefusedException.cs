namespace ProfileHub.Storage;

/// <summary>
/// The store accepts no writes: a write could not be made durable (for example a failed fsync of
/// SQLite's write-ahead log), so nothing more is acknowledged until the process restarts. Reads
/// keep working. Callers were never acknowledged for the failed writes and may retry them after
/// the restart; records that did reach the disk then answer DUPLICATE.
/// </summary>
public sealed class StoreWritesRefusedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StoreWritesRefusedException()
        : base("The profile store refuses writes.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What happened and what to do.</param>
    public StoreWritesRefusedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the failure behind it.</summary>
    /// <param name="message">What happened and what to do.</param>
    /// <param name="innerException">The failure that made the store refuse writes.</param>
    public StoreWritesRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

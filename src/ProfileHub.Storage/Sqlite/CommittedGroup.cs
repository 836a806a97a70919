namespace ProfileHub.Storage.Sqlite;

/// <summary>A committed but not yet flushed group commit: its requests wait for the flush that covers <see cref="LastSequence"/>.</summary>
internal readonly record struct CommittedGroup(WriteRequest[] Requests, long LastSequence);

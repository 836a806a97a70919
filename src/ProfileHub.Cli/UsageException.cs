namespace ProfileHub.Cli;

/// <summary>An argument the command cannot use; reported on stderr with exit code 1.</summary>
internal sealed class UsageException(string message) : Exception(message);

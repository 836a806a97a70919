namespace ProfileHub.Cli;

/// <summary>The process exit codes scripts can rely on (documented in docs/api-guide.md and `profilehub --help`).</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Usage = 1;
    public const int NotFound = 2;
    public const int ServerError = 3;
    public const int RecordsRejected = 4;
    public const int Unavailable = 5;
    public const int NotSupported = 6;
    public const int AuthFailed = 7;

    public const string Help =
        "Exit codes: 0 ok, 1 usage or invalid argument, 2 not found, 3 server or transport error, " +
        "4 some records rejected, 5 server unavailable or unhealthy, 6 not supported by this server, " +
        "7 unauthenticated or permission denied.";
}

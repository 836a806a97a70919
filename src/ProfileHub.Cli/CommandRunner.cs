using System.CommandLine;
using ProfileHub.Grpc;

namespace ProfileHub.Cli;

/// <summary>
/// Runs a command body with a connection and turns failures into one stderr line and a documented exit code,
/// so scripts never see a stack trace.
/// </summary>
internal static class CommandRunner
{
    public static void SetConnectedAction(this Command command, Func<ParseResult, ServerConnection, CancellationToken, Task<int>> body) =>
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                using var connection = ServerConnection.From(parse);
                return await body(parse, connection, cancellationToken);
            }
            catch (UsageException e)
            {
                await Console.Error.WriteLineAsync("error: " + e.Message);
                return ExitCodes.Usage;
            }
            catch (RpcException e)
            {
                await Console.Error.WriteLineAsync(Describe(e.Status));
                return ExitCodeFor(e.StatusCode);
            }
            catch (IOException e)
            {
                await Console.Error.WriteLineAsync("error: " + e.Message);
                return ExitCodes.Usage;
            }
        });

    public static int ExitCodeFor(StatusCode code) => code switch
    {
        StatusCode.OK => ExitCodes.Ok,
        StatusCode.NotFound => ExitCodes.NotFound,
        StatusCode.InvalidArgument => ExitCodes.Usage,
        StatusCode.Unavailable => ExitCodes.Unavailable,
        StatusCode.Unimplemented => ExitCodes.NotSupported,
        StatusCode.Unauthenticated or StatusCode.PermissionDenied => ExitCodes.AuthFailed,
        _ => ExitCodes.ServerError,
    };

    private static string Describe(Status status) => status.Code switch
    {
        StatusCode.NotFound => "not found: " + status.Detail,
        StatusCode.Unavailable => "server unavailable: " + status.Detail,
        StatusCode.Unauthenticated => "unauthenticated: " + status.Detail + " (pass --token or set PROFILEHUB_TOKEN)",
        StatusCode.PermissionDenied => "permission denied: " + status.Detail,
        _ => $"error: {status.Code}: {status.Detail}",
    };
}

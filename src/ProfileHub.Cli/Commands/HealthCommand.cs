using System.CommandLine;
using Grpc.Health.V1;
using ProfileHub.Grpc;
using ProfileHub.Grpc.Client;

namespace ProfileHub.Cli.Commands;

/// <summary><c>profilehub health</c>: grpc.health.v1.Health/Check; exit 0 only when SERVING (the Docker HEALTHCHECK).</summary>
internal static class HealthCommand
{
    private static readonly Method<HealthCheckRequest, HealthCheckResponse> Check =
        Method<HealthCheckRequest, HealthCheckResponse>.Create(HealthReflection.Descriptor.Services.Single(s => s.Name == "Health"), "Check");

    public static Command Create()
    {
        var service = new Option<string>("--service") { Description = "Service to check (default: the server as a whole).", DefaultValueFactory = _ => string.Empty };
        var timeout = new Option<double>("--timeout") { Description = "Seconds to wait for the answer.", DefaultValueFactory = _ => 3 };
        var command = new Command("health", "Check the server's health (exit 0 when SERVING, 5 otherwise).") { service, timeout };
        command.SetConnectedAction(async (parse, connection, cancellationToken) =>
        {
            var request = new HealthCheckRequest { Service = parse.GetValue(service) ?? string.Empty };
            var seconds = parse.GetValue(timeout);
            if (seconds <= 0 || double.IsNaN(seconds))
            {
                throw new UsageException("--timeout must be a positive number of seconds.");
            }

            HealthCheckResponse response;
            try
            {
                response = await connection.Channel.UnaryAsync(Check, request, connection.Call(cancellationToken, TimeSpan.FromSeconds(seconds)));
            }
            catch (RpcException e) when (e.StatusCode is not (StatusCode.Unauthenticated or StatusCode.PermissionDenied or StatusCode.NotFound))
            {
                // A health probe answers one question: whatever stops the check, the server is not usable.
                await Console.Error.WriteLineAsync($"unhealthy: {e.StatusCode}: {e.Status.Detail}");
                return ExitCodes.Unavailable;
            }

            var status = response.Status switch
            {
                HealthCheckResponse.Types.ServingStatus.Serving => "SERVING",
                HealthCheckResponse.Types.ServingStatus.NotServing => "NOT_SERVING",
                HealthCheckResponse.Types.ServingStatus.ServiceUnknown => "SERVICE_UNKNOWN",
                _ => "UNKNOWN",
            };
            Console.Out.WriteLine(connection.Output == OutputFormat.Json ? $"{{\"status\":\"{status}\"}}" : status);
            return response.Status == HealthCheckResponse.Types.ServingStatus.Serving ? ExitCodes.Ok : ExitCodes.Unavailable;
        });
        return command;
    }
}

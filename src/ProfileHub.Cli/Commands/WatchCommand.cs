using System.CommandLine;
using ProfileHub.Cli.Rendering;
using ProfileHub.Contracts;
using ProfileHub.Contracts.V1;
using ProfileHub.Grpc;

namespace ProfileHub.Cli.Commands;

/// <summary><c>profilehub watch</c>: follows stage changes live until Ctrl+C (or --count changes).</summary>
internal static class WatchCommand
{
    public static Command Create()
    {
        var stages = new Option<string[]>("--stage") { Description = "Only changes into this stage (repeatable)." };
        var from = new Option<string>("--from") { Description = "Resume after this cursor (empty: from now on).", DefaultValueFactory = _ => string.Empty };
        var count = new Option<int>("--count") { Description = "Stop after this many changes (0: never).", DefaultValueFactory = _ => 0 };
        var command = new Command("watch", "Stream stage changes as they happen (WatchStageChanges); Ctrl+C stops.") { stages, from, count };
        command.SetConnectedAction(async (parse, connection, cancellationToken) =>
        {
            var limit = parse.GetValue(count);
            if (limit < 0)
            {
                throw new UsageException("--count must be zero or positive.");
            }

            var request = new WatchStageChangesRequest { Cursor = parse.GetValue(from) ?? string.Empty, HeartbeatSeconds = 15 };
            request.Stages.AddRange(parse.GetValue(stages) ?? []);
            using var call = connection.Channel.ServerStreaming(ProfileHubMethods.WatchStageChanges, request, connection.Call(cancellationToken));
            var seen = 0;
            try
            {
                await foreach (var item in call.ResponseStream.ReadAllAsync(cancellationToken))
                {
                    if (item.Heartbeat || item.Change is null)
                    {
                        continue;
                    }

                    await Console.Out.WriteLineAsync(connection.Output == OutputFormat.Json ? Formats.ToJson(item.Change) : ChangeLine.Format(item.Change));
                    await Console.Out.FlushAsync(cancellationToken);
                    if (limit > 0 && ++seen >= limit)
                    {
                        break;
                    }
                }
            }
            catch (Exception e) when (cancellationToken.IsCancellationRequested && e is OperationCanceledException or RpcException)
            {
                // Ctrl+C is how a watch normally ends.
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}

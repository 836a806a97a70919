using System.CommandLine;
using ProfileHub.Cli.Rendering;
using ProfileHub.Contracts;
using ProfileHub.Contracts.V1;

namespace ProfileHub.Cli.Commands;

/// <summary><c>profilehub changes --from CURSOR</c>: one page of the change feed and the cursor to continue from.</summary>
internal static class ChangesCommand
{
    public static Command Create()
    {
        var from = new Option<string>("--from") { Description = "Cursor to continue after (empty: from the beginning).", DefaultValueFactory = _ => string.Empty };
        var limit = new Option<int>("--limit") { Description = "Most changes to return (1-1000).", DefaultValueFactory = _ => 100 };
        var command = new Command("changes", "List profile changes after a cursor (the CRM sync feed); prints the next cursor.") { from, limit };
        command.SetConnectedAction(async (parse, connection, cancellationToken) =>
        {
            var pageSize = parse.GetValue(limit);
            if (pageSize is < 1 or > 1000)
            {
                throw new UsageException("--limit must be between 1 and 1000.");
            }

            var request = new ListChangesRequest { Cursor = parse.GetValue(from) ?? string.Empty, PageSize = pageSize };
            var response = await connection.Channel.UnaryAsync(ProfileHubMethods.ListChanges, request, connection.Call(cancellationToken, TimeSpan.FromSeconds(30)));
            if (connection.Output == OutputFormat.Json)
            {
                Console.Out.WriteLine(Formats.ToJson(response));
                return ExitCodes.Ok;
            }

            var table = ChangeLine.NewTable();
            foreach (var change in response.Changes)
            {
                ChangeLine.Add(table, change);
            }

            Console.Out.Write(table.ToString());
            Console.Out.WriteLine($"{response.Changes.Count} changes; next cursor: {response.NextCursor}");
            return ExitCodes.Ok;
        });
        return command;
    }
}

using System.CommandLine;
using ProfileHub.Cli.Rendering;
using ProfileHub.Contracts;
using ProfileHub.Contracts.V1;

namespace ProfileHub.Cli.Commands;

/// <summary><c>profilehub stage ID</c>: the hot-path journey stage lookup.</summary>
internal static class StageCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("ID") { Description = "A profile id (p_…) or type:value, e.g. email:ada@example.com." };
        var command = new Command("stage", "Show a profile's current journey stage.") { id };
        command.SetConnectedAction(async (parse, connection, cancellationToken) =>
        {
            var request = new GetJourneyStageRequest { Lookup = ProfileLookupParser.Parse(parse.GetRequiredValue(id)) };
            var stage = await connection.Channel.UnaryAsync(ProfileHubMethods.GetJourneyStage, request, connection.Call(cancellationToken, TimeSpan.FromSeconds(10)));
            if (connection.Output == OutputFormat.Json)
            {
                Console.Out.WriteLine(Formats.ToJson(stage));
            }
            else
            {
                var table = new TextTable("PROFILE", "STAGE", "ORDER", "SINCE", "AT RISK");
                table.Add(stage.ProfileId, stage.Stage.Length == 0 ? "(none)" : stage.Stage, stage.StageOrder.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Formats.Time(stage.EnteredAt), stage.AtRisk ? "yes" : "no");
                Console.Out.Write(table.ToString());
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}

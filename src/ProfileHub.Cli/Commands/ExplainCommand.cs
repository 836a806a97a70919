using System.CommandLine;
using ProfileHub.Cli.Rendering;
using ProfileHub.Contracts;
using ProfileHub.Contracts.V1;
using ProfileHub.Grpc;

namespace ProfileHub.Cli.Commands;

/// <summary><c>profilehub explain ID</c>: the evidence (records, rules) linking each identifier of a profile.</summary>
internal static class ExplainCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("ID") { Description = "A profile id (p_…) or type:value, e.g. email:ada@example.com." };
        var command = new Command("explain", "Show the evidence that links each identifier of a profile (AdminService.ExplainProfile).") { id };
        command.SetConnectedAction(async (parse, connection, cancellationToken) =>
        {
            var request = new ExplainProfileRequest { Lookup = ProfileLookupParser.Parse(parse.GetRequiredValue(id)) };
            ExplainProfileResponse response;
            try
            {
                response = await connection.Channel.UnaryAsync(ProfileHubMethods.ExplainProfile, request, connection.Call(cancellationToken, TimeSpan.FromSeconds(30)));
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Unimplemented)
            {
                await Console.Error.WriteLineAsync("explain is not available: this server does not implement AdminService.ExplainProfile (UNIMPLEMENTED).");
                return ExitCodes.NotSupported;
            }

            Console.Out.Write(connection.Output == OutputFormat.Json ? Formats.ToJson(response) + "\n" : Render(response));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Render(ExplainProfileResponse response)
    {
        var table = new TextTable("IDENTIFIER", "SHARED", "SOURCE", "RECORD", "AT", "RULE", "LINKED WITH");
        foreach (var explained in response.Identifiers)
        {
            var name = explained.Identifier.Type + ":" + explained.Identifier.Value;
            if (explained.Evidence.Count == 0)
            {
                table.Add(name, explained.Shared ? "yes" : "", "-", "-", "-", "-", "-");
            }

            foreach (var evidence in explained.Evidence)
            {
                var other = evidence.A.Equals(explained.Identifier) ? evidence.B : evidence.A;
                table.Add(name, explained.Shared ? "yes" : "", evidence.Source, evidence.RecordId, Formats.Time(evidence.At), evidence.Rule,
                    other is null ? "-" : other.Type + ":" + other.Value);
                name = string.Empty;
            }
        }

        return "profile " + response.ProfileId + "\n" + table;
    }
}

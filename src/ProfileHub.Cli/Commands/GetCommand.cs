using System.CommandLine;
using System.Text;
using ProfileHub.Cli.Rendering;
using ProfileHub.Contracts;
using ProfileHub.Contracts.V1;

namespace ProfileHub.Cli.Commands;

/// <summary><c>profilehub get ID</c>: the unified profile (identifiers, traits, stage, history).</summary>
internal static class GetCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("ID") { Description = "A profile id (p_…) or type:value, e.g. email:ada@example.com." };
        var command = new Command("get", "Show a profile: identifiers, traits, stage and stage history.") { id };
        command.SetConnectedAction(async (parse, connection, cancellationToken) =>
        {
            var request = new GetProfileRequest { Lookup = ProfileLookupParser.Parse(parse.GetRequiredValue(id)) };
            var profile = await connection.Channel.UnaryAsync(ProfileHubMethods.GetProfile, request, connection.Call(cancellationToken, TimeSpan.FromSeconds(30)));
            Console.Out.Write(connection.Output == OutputFormat.Json ? Formats.ToJson(profile) + "\n" : Render(profile));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Render(Profile profile)
    {
        var text = new StringBuilder();
        text.Append("profile   ").Append(profile.ProfileId).Append('\n');
        text.Append("stage     ").Append(StageLabel(profile.Stage, profile.StageOrder, profile.AtRisk))
            .Append(" since ").Append(Formats.Time(profile.StageEnteredAt)).Append('\n');
        text.Append("created   ").Append(Formats.Time(profile.CreatedAt)).Append("   updated ").Append(Formats.Time(profile.UpdatedAt)).Append('\n');
        if (profile.MergedProfileIds.Count > 0)
        {
            text.Append("merged    ").AppendJoin(", ", profile.MergedProfileIds).Append('\n');
        }

        text.Append("\nidentifiers\n");
        var identifiers = new TextTable("TYPE", "VALUE", "FIRST SEEN", "SHARED");
        foreach (var identifier in profile.Identifiers)
        {
            identifiers.Add(identifier.Type, identifier.Value, Formats.Time(identifier.FirstSeen), identifier.Shared ? "yes" : "");
        }

        text.Append(identifiers);
        if (profile.Traits.Count > 0)
        {
            text.Append("\ntraits\n");
            var traits = new TextTable("TRAIT", "VALUE", "SOURCE", "UPDATED");
            foreach (var (name, trait) in profile.Traits.OrderBy(t => t.Key, StringComparer.Ordinal))
            {
                traits.Add(name, trait.Value, trait.Source, Formats.Time(trait.UpdatedAt));
            }

            text.Append(traits);
        }

        text.Append("\nstage history\n");
        var history = new TextTable("AT", "FROM", "TO", "SOURCE", "RECORD");
        foreach (var transition in profile.StageHistory)
        {
            history.Add(Formats.Time(transition.At), Or(transition.FromStage), transition.ToStage, transition.Source, transition.RecordId);
        }

        text.Append(history);
        return text.ToString();
    }

    public static string StageLabel(string stage, int order, bool atRisk) =>
        (stage.Length == 0 ? "(none)" : $"{stage} ({order})") + (atRisk ? " AT RISK" : string.Empty);

    private static string Or(string value) => value.Length == 0 ? "-" : value;
}

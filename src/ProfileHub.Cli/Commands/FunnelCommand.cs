using System.CommandLine;
using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using ProfileHub.Cli.Rendering;
using ProfileHub.Contracts;
using ProfileHub.Contracts.V1;

namespace ProfileHub.Cli.Commands;

/// <summary><c>profilehub funnel</c>: per stage reached, converted, conversion and drop-off, time to next stage.</summary>
internal static class FunnelCommand
{
    public static Command Create()
    {
        var from = new Option<string?>("--from") { Description = "Window start (RFC 3339 or yyyy-mm-dd, UTC)." };
        var to = new Option<string?>("--to") { Description = "Window end (RFC 3339 or yyyy-mm-dd, UTC)." };
        var source = new Option<string?>("--source") { Description = "Only journeys from this source (crm, web, email, support …)." };
        var command = new Command("funnel", "Show the journey funnel as a table.") { from, to, source };
        command.SetConnectedAction(async (parse, connection, cancellationToken) =>
        {
            var request = new GetFunnelRequest { Source = parse.GetValue(source) ?? string.Empty };
            if (parse.GetValue(from) is { } start)
            {
                request.From = Timestamp.FromDateTimeOffset(ParseTime(start, "--from"));
            }

            if (parse.GetValue(to) is { } end)
            {
                request.To = Timestamp.FromDateTimeOffset(ParseTime(end, "--to"));
            }

            var funnel = await connection.Channel.UnaryAsync(ProfileHubMethods.GetFunnel, request, connection.Call(cancellationToken, TimeSpan.FromSeconds(60)));
            Console.Out.Write(connection.Output == OutputFormat.Json ? Formats.ToJson(funnel) + "\n" : Render(funnel));
            return ExitCodes.Ok;
        });
        return command;
    }

    public static DateTimeOffset ParseTime(string text, string option) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            ? value
            : throw new UsageException($"{option} '{text}' is not a date or an RFC 3339 time.");

    private static string Render(GetFunnelResponse funnel)
    {
        var table = new TextTable("STAGE", "REACHED", "CONVERTED", "CONVERSION", "DROP-OFF", "MEDIAN TO NEXT", "P90 TO NEXT").AlignRight(1, 2, 3, 4, 5, 6);
        foreach (var stage in funnel.Stages.OrderBy(s => s.Order))
        {
            table.Add(stage.Stage, Formats.Number(stage.Reached), Formats.Number(stage.Converted), Formats.Percent(stage.ConversionRate),
                Formats.Percent(stage.DropOffRate), Formats.Span(stage.MedianTimeToNext), Formats.Span(stage.P90TimeToNext));
        }

        return table + $"profiles: {Formats.Number(funnel.Profiles)}\n";
    }
}

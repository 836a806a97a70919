using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ProfileHub.Cli.Ingest;
using ProfileHub.Cli.Records;
using ProfileHub.Cli.Rendering;

namespace ProfileHub.Cli.Commands;

/// <summary><c>profilehub ingest FILE</c>: JSONL or CSV records streamed over IngestStream, with a summary and a rejects file.</summary>
internal static class IngestCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "Records as JSON Lines (.jsonl) or CSV (.csv, header row with id:/prop:/trait: columns); '-' is not supported." };
        var batch = new Option<int>("--batch-size") { Description = "Records per streamed message (1-1000).", DefaultValueFactory = _ => 500 };
        var perCall = new Option<int>("--records-per-call") { Description = "Records per IngestStream call before its results are collected.", DefaultValueFactory = _ => 20_000 };
        var format = new Option<string>("--format") { Description = "jsonl, csv or auto (by file extension).", DefaultValueFactory = _ => "auto" };
        format.AcceptOnlyFromAmong("auto", "jsonl", "csv");
        var rejectsPath = new Option<string?>("--rejects") { Description = "Where rejected records and reasons go (default FILE.rejects.jsonl)." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress line." };
        var command = new Command("ingest", "Ingest records from a JSONL or CSV file (exit 4 when some were rejected).") { file, batch, perCall, format, rejectsPath, quiet };
        command.SetConnectedAction(async (parse, connection, cancellationToken) =>
        {
            var input = parse.GetRequiredValue(file);
            var batchSize = parse.GetValue(batch);
            var recordsPerCall = parse.GetValue(perCall);
            if (batchSize is < 1 or > 1000)
            {
                throw new UsageException("--batch-size must be between 1 and 1000.");
            }

            if (recordsPerCall < batchSize)
            {
                throw new UsageException("--records-per-call must be at least --batch-size.");
            }

            if (!input.Exists)
            {
                throw new UsageException($"file '{input.FullName}' does not exist.");
            }

            var csv = parse.GetValue(format) switch
            {
                "csv" => true,
                "jsonl" => false,
                _ => input.Extension.Equals(".csv", StringComparison.OrdinalIgnoreCase),
            };
            await using var rejects = new RejectsFile(parse.GetValue(rejectsPath) ?? input.FullName + ".rejects.jsonl");
            rejects.RemoveStale();
            var progress = new ProgressLine(parse.GetValue(quiet));
            var run = new IngestRun(connection, batchSize, recordsPerCall, rejects, progress);
            using (var reader = new StreamReader(input.FullName))
            {
                var source = csv ? CsvRecordReader.ReadAsync(reader, cancellationToken) : JsonlRecordReader.ReadAsync(reader, cancellationToken);
                await run.RunAsync(source, cancellationToken);
            }

            Console.Out.Write(Summary(input.Name, run.Totals, progress.Elapsed, rejects, connection.Output));
            return run.Totals.Rejected > 0 ? ExitCodes.RecordsRejected : ExitCodes.Ok;
        });
        return command;
    }

    private static string Summary(string name, IngestTotals totals, TimeSpan elapsed, RejectsFile rejects, OutputFormat output)
    {
        var rate = ProgressLine.Rate(totals.Read, elapsed);
        if (output == OutputFormat.Json)
        {
            return JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["file"] = name,
                ["records"] = totals.Read,
                ["created"] = totals.Created,
                ["attached"] = totals.Attached,
                ["merged"] = totals.Merged,
                ["duplicate"] = totals.Duplicate,
                ["rejected"] = totals.Rejected,
                ["suppressed"] = totals.Suppressed,
                ["seconds"] = Math.Round(elapsed.TotalSeconds, 3),
                ["records_per_second"] = Math.Round(rate, 1),
                ["rejects_file"] = rejects.Count > 0 ? rejects.Path : null,
            }) + "\n";
        }

        var table = new TextTable("FILE", "RECORDS", "CREATED", "ATTACHED", "MERGED", "DUPLICATE", "REJECTED", "SUPPRESSED", "RECORDS/S").AlignRight(1, 2, 3, 4, 5, 6, 7, 8);
        table.Add(name, Formats.Number(totals.Read), Formats.Number(totals.Created), Formats.Number(totals.Attached), Formats.Number(totals.Merged),
            Formats.Number(totals.Duplicate), Formats.Number(totals.Rejected), Formats.Number(totals.Suppressed), Formats.Number((long)rate));
        var text = table.ToString();
        return rejects.Count > 0
            ? text + string.Create(CultureInfo.InvariantCulture, $"{rejects.Count:N0} rejected records with reasons in {rejects.Path}\n")
            : text;
    }
}

using ProfileHub.Bench.Load;

var usage = string.Join(Environment.NewLine, "usage:", "  " + IngestCommand.Usage, "  " + StageCommand.Usage, "  " + StagesCommand.Usage);
if (args.Length == 0)
{
    Console.Error.WriteLine(usage);
    return 2;
}

try
{
    var arguments = new CommandArguments(args[1..]);
    return args[0] switch
    {
        "ingest" => await IngestCommand.RunAsync(arguments),
        "stage" => await StageCommand.RunAsync(arguments),
        "stages" => await StagesCommand.RunAsync(arguments),
        _ => throw new ArgumentException($"unknown command \"{args[0]}\""),
    };
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(usage);
    return 2;
}

using System.Globalization;
using ProfileHub.Bench.Ingest;

// Usage: accuracy [--records N] [--seed S] [--shared-fraction F]
var command = args.Length > 0 ? args[0] : "accuracy";
if (command != "accuracy")
{
    Console.Error.WriteLine($"unknown command \"{command}\"; usage: accuracy [--records N] [--seed S] [--shared-fraction F]");
    return 2;
}

var options = new GeneratorOptions();
for (var i = 1; i < args.Length - 1; i += 2)
{
    options = args[i] switch
    {
        "--records" => options with { Records = int.Parse(args[i + 1], CultureInfo.InvariantCulture) },
        "--seed" => options with { Seed = int.Parse(args[i + 1], CultureInfo.InvariantCulture) },
        "--shared-fraction" => options with { SharedDeviceFraction = double.Parse(args[i + 1], CultureInfo.InvariantCulture) },
        _ => throw new ArgumentException($"unknown option {args[i]}"),
    };
}

var report = AccuracyCommand.Run(options);
var d = report.Dataset;
var inv = CultureInfo.InvariantCulture;
Console.WriteLine(string.Create(inv, $"dataset      records={d.Records.Count} people={d.People} devices={d.Devices} shared_devices={d.SharedDevices} ({100.0 * d.SharedDevices / d.Devices:F2}%) household_emails={d.HouseholdEmails} seed={options.Seed}"));
Console.WriteLine(string.Create(inv, $"ingest       accepted={report.Ingested} rejected={report.Rejected} profiles={report.Profiles} merged={report.MergedProfiles} limit_conflicts={report.LimitConflicts} shared_detected={report.SharedDevicesDetected} graph_time={report.IngestTime.TotalSeconds:F2}s ({report.Ingested / report.IngestTime.TotalSeconds:F0} records/s in memory)"));
Console.WriteLine(string.Create(inv, $"scored       identifiers={report.ScoredIdentifiers} (ambiguous, not scored: {report.AmbiguousIdentifiers})"));
Console.WriteLine("truth     approach    precision  recall     F1         predicted_pairs  true_pairs  correct_pairs");
foreach (var (truth, name, score) in new[]
         {
             ("linkable", "profilehub", report.ProfileHubLinkable), ("linkable", "naive", report.NaiveLinkable),
             ("person", "profilehub", report.ProfileHub), ("person", "naive", report.Naive),
         })
{
    Console.WriteLine(string.Create(inv, $"{truth,-9} {name,-11} {score.Precision,-10:F4} {score.Recall,-10:F4} {score.F1,-10:F4} {score.PredictedPairs,-16} {score.TruePairs,-11} {score.CorrectPairs}"));
}
return 0;

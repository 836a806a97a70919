using System.Globalization;
using System.Text.RegularExpressions;

namespace ProfileHub.Server.Tests.Observability;

/// <summary>
/// A strict reader of the Prometheus text format 0.0.4 as scraped: fails on a malformed line, a sample without
/// HELP and TYPE for its family, or a family declared twice.
/// </summary>
public sealed partial class PrometheusScrape
{
    private PrometheusScrape(Dictionary<string, string> types, List<(string Name, Dictionary<string, string> Labels, double Value)> samples)
    {
        Types = types;
        Samples = samples;
    }

    public IReadOnlyDictionary<string, string> Types { get; }

    public IReadOnlyList<(string Name, Dictionary<string, string> Labels, double Value)> Samples { get; }

    public static PrometheusScrape Parse(string text)
    {
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var helps = new HashSet<string>(StringComparer.Ordinal);
        var samples = new List<(string, Dictionary<string, string>, double)>();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith("# HELP ", StringComparison.Ordinal))
            {
                var name = line[7..].Split(' ')[0];
                Assert.True(helps.Add(name), "HELP twice for " + name);
                continue;
            }

            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line[7..].Split(' ');
                Assert.Contains(parts[1], new[] { "counter", "gauge", "histogram" });
                Assert.True(helps.Contains(parts[0]), "TYPE before HELP for " + parts[0]);
                Assert.True(types.TryAdd(parts[0], parts[1]), "TYPE twice for " + parts[0]);
                continue;
            }

            var match = Sample().Match(line);
            Assert.True(match.Success, "malformed sample line: " + line);
            var sampleName = match.Groups["name"].Value;
            var family = FamilyOf(sampleName, types);
            Assert.True(family is not null, "sample without TYPE: " + line);
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (Match label in Label().Matches(match.Groups["labels"].Value))
            {
                labels[label.Groups[1].Value] = Regex.Unescape(label.Groups[2].Value);
            }

            var value = match.Groups["value"].Value switch
            {
                "+Inf" => double.PositiveInfinity,
                "-Inf" => double.NegativeInfinity,
                "NaN" => double.NaN,
                var v => double.Parse(v, CultureInfo.InvariantCulture),
            };
            samples.Add((sampleName, labels, value));
        }

        return new PrometheusScrape(types, samples);
    }

    public IEnumerable<(Dictionary<string, string> Labels, double Value)> Series(string name) =>
        Samples.Where(s => s.Name == name).Select(s => (s.Labels, s.Value));

    public double Value(string name, params (string Key, string Value)[] labels) =>
        Series(name).Where(s => labels.All(l => s.Labels.TryGetValue(l.Key, out var v) && v == l.Value)).Sum(s => s.Value);

    private static string? FamilyOf(string sample, Dictionary<string, string> types)
    {
        if (types.ContainsKey(sample))
        {
            return sample;
        }

        foreach (var suffix in new[] { "_bucket", "_sum", "_count" })
        {
            if (sample.EndsWith(suffix, StringComparison.Ordinal) && types.TryGetValue(sample[..^suffix.Length], out var type) && type == "histogram")
            {
                return sample[..^suffix.Length];
            }
        }

        return null;
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(?<labels>[^}]*)\})? (?<value>\S+)$")]
    private static partial Regex Sample();

    [GeneratedRegex(@"([a-zA-Z_][a-zA-Z0-9_]*)=""((?:[^""\\]|\\.)*)""")]
    private static partial Regex Label();
}

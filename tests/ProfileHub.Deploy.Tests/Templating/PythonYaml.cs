using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ProfileHub.Deploy.Tests.Templating;

/// <summary>YAML parsing by PyYAML (Debian python3-yaml) under /usr/bin/python3: an independent, complete YAML parser.</summary>
public static class PythonYaml
{
    private const string Script = """
        import json, sys, yaml
        out = {}
        for path in sys.argv[1:]:
            try:
                with open(path, encoding="utf-8") as f:
                    out[path] = [d for d in yaml.safe_load_all(f) if d is not None]
            except yaml.YAMLError as e:
                print(f"{path}: {e}", file=sys.stderr)
                sys.exit(3)
        json.dump(out, sys.stdout, default=str)
        """;

    /// <summary>Parses each file (all its documents); throws <see cref="FormatException"/> naming the file on broken YAML.</summary>
    public static Dictionary<string, List<JsonNode?>> ParseFiles(IReadOnlyList<string> paths)
    {
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Script);
        foreach (var path in paths)
        {
            start.ArgumentList.Add(path);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new FormatException("invalid YAML: " + stderr.Trim());
        }

        var result = JsonNode.Parse(stdout.Result)!.AsObject();
        return result.ToDictionary(p => p.Key, p => p.Value!.AsArray().ToList());
    }

    /// <summary>Parses YAML text into plain values (dictionaries, lists, strings, longs, doubles, bools).</summary>
    public static object? ParseValues(string path)
    {
        var document = ParseFiles([path])[path];
        return document.Count == 0 ? new Dictionary<string, object?>() : ToPlain(document[0]);
    }

    public static object? ToPlain(JsonNode? node) => node switch
    {
        null => null,
        JsonObject map => map.ToDictionary(p => p.Key, p => ToPlain(p.Value)),
        JsonArray list => list.Select(ToPlain).ToList(),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonValue value when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False => value.GetValue<bool>(),
        JsonValue value when value.TryGetValue<long>(out var l) => l,
        JsonValue value when value.GetValueKind() == JsonValueKind.Number => value.GetValue<double>(),
        _ => throw new FormatException("unexpected YAML value " + node.ToJsonString()),
    };
}

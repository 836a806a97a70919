namespace ProfileHub.Deploy.Tests.Templating;

/// <summary>
/// What <c>helm template</c> does for this chart: values.yaml plus overrides, Release and Chart objects, every
/// template under templates/ rendered (helpers from <c>_*.tpl</c>). Output documents are then parsed as YAML.
/// </summary>
public sealed class ChartRenderer
{
    private readonly string _chart;

    public ChartRenderer(string chartDirectory) => _chart = chartDirectory;

    /// <summary>Renders with <paramref name="overrides"/> given as <c>--set</c> style paths ("storage.provider" = "sqlserver").</summary>
    public IReadOnlyDictionary<string, string> Render(IReadOnlyDictionary<string, object?>? overrides = null, string releaseName = "demo")
    {
        var values = (Dictionary<string, object?>)PythonYaml.ParseValues(Path.Combine(_chart, "values.yaml"))!;
        foreach (var (path, value) in overrides ?? new Dictionary<string, object?>())
        {
            Set(values, path, value);
        }

        var chart = (Dictionary<string, object?>)PythonYaml.ParseValues(Path.Combine(_chart, "Chart.yaml"))!;
        var root = new Dictionary<string, object?>
        {
            ["Values"] = values,
            ["Release"] = new Dictionary<string, object?> { ["Name"] = releaseName, ["Namespace"] = "default", ["Service"] = "Helm" },
            ["Chart"] = new Dictionary<string, object?> { ["Name"] = chart["name"], ["Version"] = chart["version"], ["AppVersion"] = chart["appVersion"] },
        };

        var defines = new Dictionary<string, IReadOnlyList<TemplateNode>>();
        var templates = new Dictionary<string, IReadOnlyList<TemplateNode>>();
        foreach (var file in Directory.GetFiles(Path.Combine(_chart, "templates")).Order(StringComparer.Ordinal))
        {
            var nodes = TemplateParser.Parse(File.ReadAllText(file), defines);
            if (!Path.GetFileName(file).StartsWith('_'))
            {
                templates[Path.GetFileName(file)] = nodes;
            }
        }

        var renderer = new TemplateRenderer(defines);
        var output = new Dictionary<string, string>();
        foreach (var (name, nodes) in templates)
        {
            try
            {
                output[name] = renderer.Render(nodes, root);
            }
            catch (TemplateException e)
            {
                throw new TemplateException($"{name}: {e.Message}");
            }
        }

        return output;
    }

    private static void Set(Dictionary<string, object?> values, string path, object? value)
    {
        var parts = path.Split('.');
        var current = values;
        foreach (var part in parts[..^1])
        {
            current = current.TryGetValue(part, out var next) && next is Dictionary<string, object?> map
                ? map
                : throw new ArgumentException($"override '{path}': '{part}' is not a map in values.yaml");
        }

        if (!current.ContainsKey(parts[^1]))
        {
            throw new ArgumentException($"override '{path}' names a value that values.yaml does not define");
        }

        current[parts[^1]] = value;
    }
}

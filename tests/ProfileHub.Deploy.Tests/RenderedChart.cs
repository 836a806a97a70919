using System.Text.Json.Nodes;
using ProfileHub.Deploy.Tests.Templating;

namespace ProfileHub.Deploy.Tests;

/// <summary>The chart rendered with some overrides, every document parsed as YAML and checked to be a Kubernetes object.</summary>
public sealed class RenderedChart
{
    private RenderedChart(IReadOnlyList<JsonObject> documents, IReadOnlyDictionary<string, string> text)
    {
        Documents = documents;
        Text = text;
    }

    public IReadOnlyList<JsonObject> Documents { get; }

    public IReadOnlyDictionary<string, string> Text { get; }

    public static RenderedChart Render(IReadOnlyDictionary<string, object?>? overrides = null)
    {
        var text = new ChartRenderer(RepositoryRoot.Combine("charts", "profilehub")).Render(overrides);
        var directory = Directory.CreateTempSubdirectory("profilehub-chart-").FullName;
        try
        {
            var files = new List<string>();
            foreach (var (name, content) in text)
            {
                var file = Path.Combine(directory, name);
                File.WriteAllText(file, content);
                files.Add(file);
            }

            var documents = new List<JsonObject>();
            foreach (var (file, parsed) in PythonYaml.ParseFiles(files))
            {
                foreach (var document in parsed)
                {
                    var obj = document as JsonObject ?? throw new FormatException($"{Path.GetFileName(file)}: a document is not a mapping");
                    foreach (var required in new[] { "apiVersion", "kind" })
                    {
                        if (obj[required] is null)
                        {
                            throw new FormatException($"{Path.GetFileName(file)}: document without {required}");
                        }
                    }

                    if (obj["metadata"]?["name"]?.GetValue<string>() is not { Length: > 0 })
                    {
                        throw new FormatException($"{Path.GetFileName(file)}: document without metadata.name");
                    }

                    documents.Add(obj);
                }
            }

            return new RenderedChart(documents, text);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    public JsonObject OfKind(string kind) => Assert.Single(Documents, d => d["kind"]!.GetValue<string>() == kind);

    public IEnumerable<string> Kinds => Documents.Select(d => d["kind"]!.GetValue<string>());
}

using System.Text;

namespace ProfileHub.Deploy.Tests.Docker;

/// <summary>Splits a Dockerfile into instructions: comments dropped, backslash continuations joined, stages numbered.</summary>
public static class DockerfileParser
{
    public static IReadOnlyList<DockerInstruction> Parse(string text)
    {
        var instructions = new List<DockerInstruction>();
        var stage = -1;
        var current = new StringBuilder();
        var startLine = 0;
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (current.Length == 0 && (line.TrimStart().StartsWith('#') || string.IsNullOrWhiteSpace(line)))
            {
                continue;
            }

            if (current.Length > 0 && line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            if (current.Length == 0)
            {
                startLine = i + 1;
            }

            var continued = line.TrimEnd().EndsWith('\\');
            current.Append(continued ? line.TrimEnd()[..^1] : line).Append(' ');
            if (continued)
            {
                continue;
            }

            var full = current.ToString().Trim();
            current.Clear();
            var space = full.IndexOf(' ', StringComparison.Ordinal);
            var keyword = (space < 0 ? full : full[..space]).ToUpperInvariant();
            var arguments = space < 0 ? string.Empty : full[(space + 1)..].Trim();
            if (keyword == "FROM")
            {
                stage++;
            }

            instructions.Add(new DockerInstruction(startLine, keyword, System.Text.RegularExpressions.Regex.Replace(arguments, @"\s+", " "), stage));
        }

        return instructions;
    }
}

using System.Text.RegularExpressions;

namespace ProfileHub.Deploy.Tests.Templating;

/// <summary>
/// Parses the Go-template subset the chart uses: actions with <c>{{-</c>/<c>-}}</c> trimming, comments,
/// <c>define</c>, <c>if/else if/else</c>, <c>with</c>, <c>range</c>, <c>end</c> and variable assignment.
/// </summary>
public static partial class TemplateParser
{
    public static IReadOnlyList<TemplateNode> Parse(string source, Dictionary<string, IReadOnlyList<TemplateNode>> defines)
    {
        var tokens = Tokenize(source);
        var position = 0;
        var nodes = ParseList(tokens, ref position, defines, out var terminator);
        if (terminator is not null)
        {
            throw new TemplateException($"unexpected {{{{ {terminator} }}}}");
        }

        return nodes;
    }

    private static List<(bool IsAction, string Text)> Tokenize(string source)
    {
        var tokens = new List<(bool, string)>();
        var index = 0;
        var trimNextText = false;
        while (index < source.Length)
        {
            var open = source.IndexOf("{{", index, StringComparison.Ordinal);
            var text = open < 0 ? source[index..] : source[index..open];
            if (trimNextText)
            {
                text = text.TrimStart();
            }

            if (open < 0)
            {
                tokens.Add((false, text));
                break;
            }

            var close = source.IndexOf("}}", open, StringComparison.Ordinal);
            if (close < 0)
            {
                throw new TemplateException("unclosed action at offset " + open);
            }

            var inner = source[(open + 2)..close];
            if (inner.StartsWith('-'))
            {
                text = text.TrimEnd();
                inner = inner[1..];
            }

            trimNextText = inner.EndsWith('-');
            if (trimNextText)
            {
                inner = inner[..^1];
            }

            tokens.Add((false, text));
            inner = inner.Trim();
            if (!(inner.StartsWith("/*", StringComparison.Ordinal) && inner.EndsWith("*/", StringComparison.Ordinal)))
            {
                tokens.Add((true, inner));
            }

            index = close + 2;
        }

        return tokens;
    }

    private static List<TemplateNode> ParseList(List<(bool IsAction, string Text)> tokens, ref int position, Dictionary<string, IReadOnlyList<TemplateNode>> defines, out string? terminator)
    {
        var nodes = new List<TemplateNode>();
        while (position < tokens.Count)
        {
            var (isAction, text) = tokens[position++];
            if (!isAction)
            {
                if (text.Length > 0)
                {
                    nodes.Add(new TextNode(text));
                }

                continue;
            }

            if (text == "end" || text == "else" || text.StartsWith("else ", StringComparison.Ordinal))
            {
                terminator = text;
                return nodes;
            }

            var keyword = Keyword().Match(text);
            if (keyword.Success && keyword.Groups[1].Value == "define")
            {
                var name = StringLiteral().Match(text).Groups[1].Value;
                defines[name] = ParseList(tokens, ref position, defines, out var end);
                Expect(end, "end", "define " + name);
                continue;
            }

            if (keyword.Success)
            {
                nodes.Add(ParseBlock(keyword.Groups[1].Value, text[keyword.Length..].Trim(), tokens, ref position, defines));
                continue;
            }

            var assignment = Assignment().Match(text);
            nodes.Add(assignment.Success ? new ActionNode(assignment.Groups[2].Value, assignment.Groups[1].Value) : new ActionNode(text, null));
        }

        terminator = null;
        return nodes;
    }

    private static BlockNode ParseBlock(string keyword, string pipeline, List<(bool IsAction, string Text)> tokens, ref int position, Dictionary<string, IReadOnlyList<TemplateNode>> defines)
    {
        var body = ParseList(tokens, ref position, defines, out var terminator);
        if (terminator == "end")
        {
            return new BlockNode(keyword, pipeline, body, null);
        }

        if (terminator == "else")
        {
            var elseBody = ParseList(tokens, ref position, defines, out var end);
            Expect(end, "end", keyword + " " + pipeline);
            return new BlockNode(keyword, pipeline, body, elseBody);
        }

        if (terminator is not null && terminator.StartsWith("else if ", StringComparison.Ordinal))
        {
            // "else if X" is an if nested in the else branch that shares this block's end.
            var nested = ParseBlock("if", terminator["else if ".Length..].Trim(), tokens, ref position, defines);
            return new BlockNode(keyword, pipeline, body, [nested]);
        }

        throw new TemplateException($"{{{{ {keyword} {pipeline} }}}} is not closed");
    }

    private static void Expect(string? actual, string expected, string what)
    {
        if (actual != expected)
        {
            throw new TemplateException($"{what}: expected {{{{ {expected} }}}}, found {(actual is null ? "end of file" : "{{ " + actual + " }}")}");
        }
    }

    [GeneratedRegex(@"^(if|with|range|define)\b")]
    private static partial Regex Keyword();

    [GeneratedRegex("\"([^\"]*)\"")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"^(\$[A-Za-z_][A-Za-z0-9_]*)\s*:=\s*(.+)$", RegexOptions.Singleline)]
    private static partial Regex Assignment();
}

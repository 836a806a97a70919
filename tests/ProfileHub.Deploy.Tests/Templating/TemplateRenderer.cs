using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ProfileHub.Deploy.Tests.Templating;

/// <summary>Renders parsed templates: fields, variables, pipelines and the functions in <see cref="TemplateFunctions"/>.</summary>
public sealed partial class TemplateRenderer(Dictionary<string, IReadOnlyList<TemplateNode>> defines)
{
    public string Render(IReadOnlyList<TemplateNode> nodes, object? dot) => Render(nodes, dot, dot, []);

    public string Include(string name, object? dot) =>
        defines.TryGetValue(name, out var body) ? Render(body, dot, dot, []) : throw new TemplateException($"include: no template named \"{name}\"");

    public static bool IsTruthy(object? value) => value switch
    {
        null or MissingValue => false,
        bool b => b,
        long l => l != 0,
        double d => d != 0,
        string s => s.Length > 0,
        System.Collections.IDictionary map => map.Count > 0,
        System.Collections.IList list => list.Count > 0,
        _ => true,
    };

    private string Render(IReadOnlyList<TemplateNode> nodes, object? dot, object? root, Dictionary<string, object?> variables)
    {
        var output = new StringBuilder();
        foreach (var node in nodes)
        {
            switch (node)
            {
                case TextNode text:
                    output.Append(text.Text);
                    break;
                case ActionNode { Variable: { } variable } action:
                    variables[variable] = Evaluate(action.Pipeline, dot, root, variables);
                    break;
                case ActionNode action:
                    output.Append(Print(Evaluate(action.Pipeline, dot, root, variables), action.Pipeline));
                    break;
                case BlockNode block:
                    output.Append(RenderBlock(block, dot, root, variables));
                    break;
                default:
                    throw new TemplateException("unknown node " + node);
            }
        }

        return output.ToString();
    }

    private string RenderBlock(BlockNode block, object? dot, object? root, Dictionary<string, object?> variables)
    {
        var value = Evaluate(block.Pipeline, dot, root, variables);
        switch (block.Keyword)
        {
            case "if":
                return IsTruthy(value) ? Render(block.Body, dot, root, variables) : RenderElse(block, dot, root, variables);
            case "with":
                return IsTruthy(value) ? Render(block.Body, value, root, variables) : RenderElse(block, dot, root, variables);
            case "range":
                var items = value switch
                {
                    IList<object?> list => list,
                    IDictionary<string, object?> map => map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value).ToList(),
                    null or MissingValue => [],
                    _ => throw new TemplateException($"range over {value.GetType().Name}: {block.Pipeline}"),
                };
                return items.Count == 0 ? RenderElse(block, dot, root, variables) : string.Concat(items.Select(item => Render(block.Body, item, root, variables)));
            default:
                throw new TemplateException("unknown block " + block.Keyword);
        }
    }

    private string RenderElse(BlockNode block, object? dot, object? root, Dictionary<string, object?> variables) =>
        block.Else is null ? string.Empty : Render(block.Else, dot, root, variables);

    private static string Print(object? value, string pipeline) => value switch
    {
        MissingValue missing => throw new TemplateException($"missing value {missing.Path} in {{{{ {pipeline} }}}}"),
        null => throw new TemplateException($"null value in {{{{ {pipeline} }}}}"),
        string s => s,
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        _ => throw new TemplateException($"{{{{ {pipeline} }}}} prints a {value.GetType().Name}: use toYaml or toJson"),
    };

    private object? Evaluate(string pipeline, object? dot, object? root, Dictionary<string, object?> variables)
    {
        var tokens = Tokens().Matches(pipeline).Select(m => m.Value).Where(t => !string.IsNullOrWhiteSpace(t)).ToList();
        var position = 0;
        var value = EvaluatePipeline(tokens, ref position, dot, root, variables);
        if (position != tokens.Count)
        {
            throw new TemplateException($"unexpected '{tokens[position]}' in {{{{ {pipeline} }}}}");
        }

        return value;
    }

    private object? EvaluatePipeline(List<string> tokens, ref int position, object? dot, object? root, Dictionary<string, object?> variables)
    {
        object? piped = null;
        var hasPiped = false;
        while (true)
        {
            var operands = new List<(string Token, object? Value)>();
            while (position < tokens.Count && tokens[position] is not ("|" or ")"))
            {
                var token = tokens[position++];
                if (token == "(")
                {
                    var inner = EvaluatePipeline(tokens, ref position, dot, root, variables);
                    if (position >= tokens.Count || tokens[position++] != ")")
                    {
                        throw new TemplateException("missing )");
                    }

                    operands.Add(("(…)", inner));
                }
                else
                {
                    operands.Add((token, IsFunctionName(token) ? null : Operand(token, dot, root, variables)));
                }
            }

            if (operands.Count == 0)
            {
                throw new TemplateException("empty command in pipeline");
            }

            object? result;
            if (IsFunctionName(operands[0].Token))
            {
                var args = operands.Skip(1).Select(o => o.Value).ToList();
                if (hasPiped)
                {
                    args.Add(piped);
                }

                result = TemplateFunctions.Call(operands[0].Token, args, this);
            }
            else if (operands.Count == 1 && !hasPiped)
            {
                result = operands[0].Value;
            }
            else
            {
                throw new TemplateException($"'{operands[0].Token}' is not a function");
            }

            piped = result;
            hasPiped = true;
            if (position < tokens.Count && tokens[position] == "|")
            {
                position++;
                continue;
            }

            return piped;
        }
    }

    private static bool IsFunctionName(string token) =>
        char.IsAsciiLetter(token[0]) && token is not ("true" or "false" or "nil");

    private static object? Operand(string token, object? dot, object? root, Dictionary<string, object?> variables)
    {
        if (token.StartsWith('"'))
        {
            return Regex.Unescape(token[1..^1]);
        }

        if (token is "true" or "false")
        {
            return token == "true";
        }

        if (token == "nil")
        {
            return null;
        }

        if (char.IsAsciiDigit(token[0]) || token[0] == '-')
        {
            return token.Contains('.', StringComparison.Ordinal) ? (object)double.Parse(token, CultureInfo.InvariantCulture) : long.Parse(token, CultureInfo.InvariantCulture);
        }

        object? start;
        string path;
        if (token.StartsWith('$'))
        {
            var dotIndex = token.IndexOf('.', StringComparison.Ordinal);
            var name = dotIndex < 0 ? token : token[..dotIndex];
            path = dotIndex < 0 ? string.Empty : token[dotIndex..];
            start = name == "$" ? root : variables.TryGetValue(name, out var v) ? v : throw new TemplateException("undefined variable " + name);
        }
        else
        {
            start = dot;
            path = token;
        }

        var current = start;
        foreach (var field in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            current = current is IDictionary<string, object?> map && map.TryGetValue(field, out var next)
                ? next
                : new MissingValue(token);
            if (current is MissingValue)
            {
                break;
            }
        }

        return current;
    }

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"|\\(|\\)|\\||\\$?[A-Za-z0-9_]*(?:\\.[A-Za-z0-9_]+)*\\.?|-?\\d+(?:\\.\\d+)?|\\S")]
    private static partial Regex Tokens();
}

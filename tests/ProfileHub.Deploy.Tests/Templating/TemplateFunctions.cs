using System.Globalization;
using System.Text.Json;

namespace ProfileHub.Deploy.Tests.Templating;

/// <summary>The template functions the chart uses, with Helm's argument order (the piped value comes last).</summary>
public static class TemplateFunctions
{
    public static object? Call(string name, List<object?> args, TemplateRenderer renderer) => name switch
    {
        "include" => renderer.Include(AsString(Arg(args, 0, name)), Arg(args, 1, name)),
        "default" => TemplateRenderer.IsTruthy(Arg(args, 1, name)) ? args[1] : args[0],
        "quote" => "\"" + AsString(Arg(args, 0, name)).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"",
        "toYaml" => YamlEmitter.Emit(Plain(Arg(args, 0, name))).TrimEnd('\n'),
        "toJson" => JsonSerializer.Serialize(Plain(Arg(args, 0, name))),
        "nindent" => "\n" + Indent(AsInt(Arg(args, 0, name)), AsString(Arg(args, 1, name))),
        "indent" => Indent(AsInt(Arg(args, 0, name)), AsString(Arg(args, 1, name))),
        "required" => TemplateRenderer.IsTruthy(Arg(args, 1, name)) ? args[1] : throw new TemplateException(AsString(args[0])),
        "fail" => throw new TemplateException(AsString(Arg(args, 0, name))),
        "eq" => Equals(Plain(Arg(args, 0, name)), Plain(Arg(args, 1, name))),
        "ne" => !Equals(Plain(Arg(args, 0, name)), Plain(Arg(args, 1, name))),
        "gt" => AsNumber(Arg(args, 0, name)) > AsNumber(Arg(args, 1, name)),
        "not" => !TemplateRenderer.IsTruthy(Arg(args, 0, name)),
        "and" => args.FirstOrDefault(a => !TemplateRenderer.IsTruthy(a), args.LastOrDefault()),
        "or" => args.FirstOrDefault(TemplateRenderer.IsTruthy, args.LastOrDefault()),
        _ => throw new TemplateException($"function \"{name}\" is not in the supported subset"),
    };

    private static object? Arg(List<object?> args, int index, string function) =>
        index < args.Count ? args[index] : throw new TemplateException($"{function}: missing argument {index + 1}");

    private static object? Plain(object? value) => value is MissingValue ? null : value;

    private static string AsString(object? value) => value switch
    {
        MissingValue missing => throw new TemplateException("missing value " + missing.Path),
        null => string.Empty,
        string s => s,
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        _ => throw new TemplateException($"expected a string, got {value.GetType().Name}"),
    };

    private static int AsInt(object? value) => value is long l ? (int)l : throw new TemplateException($"expected an integer, got {value ?? "null"}");

    private static double AsNumber(object? value) => value switch
    {
        long l => l,
        double d => d,
        MissingValue missing => throw new TemplateException("missing value " + missing.Path),
        _ => throw new TemplateException($"expected a number, got {value?.GetType().Name ?? "null"}"),
    };

    private static string Indent(int spaces, string text)
    {
        var pad = new string(' ', spaces);
        return string.Join('\n', text.Split('\n').Select(line => line.Length == 0 ? line : pad + line));
    }
}

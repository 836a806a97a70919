using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ProfileHub.Deploy.Tests.Templating;

/// <summary>Block-style YAML for toYaml: maps, lists and scalars; strings are quoted whenever plain style could change their type.</summary>
public static class YamlEmitter
{
    public static string Emit(object? value)
    {
        var text = new StringBuilder();
        Write(text, value, 0);
        return text.ToString();
    }

    private static void Write(StringBuilder text, object? value, int indent)
    {
        var pad = new string(' ', indent);
        switch (value)
        {
            case IDictionary<string, object?> { Count: 0 }:
                text.Append(pad).Append("{}\n");
                break;
            case IList<object?> { Count: 0 }:
                text.Append(pad).Append("[]\n");
                break;
            case IDictionary<string, object?> map:
                foreach (var (key, item) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    text.Append(pad).Append(Scalar(key)).Append(':');
                    WriteChild(text, item, indent + 2);
                }

                break;
            case IList<object?> list:
                foreach (var item in list)
                {
                    text.Append(pad).Append('-');
                    if (item is IDictionary<string, object?> { Count: > 0 } or IList<object?> { Count: > 0 })
                    {
                        // "- key: value" with the rest of the item aligned under the first key.
                        var nested = new StringBuilder();
                        Write(nested, item, indent + 2);
                        text.Append(' ').Append(nested.ToString().AsSpan(indent + 2));
                    }
                    else
                    {
                        text.Append(' ').Append(Scalar(item)).Append('\n');
                    }
                }

                break;
            default:
                text.Append(pad).Append(Scalar(value)).Append('\n');
                break;
        }
    }

    private static void WriteChild(StringBuilder text, object? item, int indent)
    {
        if (item is IDictionary<string, object?> { Count: > 0 } or IList<object?> { Count: > 0 })
        {
            text.Append('\n');
            Write(text, item, indent);
        }
        else if (item is IDictionary<string, object?>)
        {
            text.Append(" {}\n");
        }
        else if (item is IList<object?>)
        {
            text.Append(" []\n");
        }
        else
        {
            text.Append(' ').Append(Scalar(item)).Append('\n');
        }
    }

    private static string Scalar(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        string s when IsPlainSafe(s) => s,
        string s => JsonSerializer.Serialize(s),
        _ => throw new TemplateException($"toYaml cannot write {value.GetType().Name}"),
    };

    private static bool IsPlainSafe(string s) =>
        s.Length > 0
        && s.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/')
        && !char.IsAsciiDigit(s[0]) && s[0] is not ('-' or '.')
        && s.ToLowerInvariant() is not ("true" or "false" or "yes" or "no" or "on" or "off" or "null" or "y" or "n");
}

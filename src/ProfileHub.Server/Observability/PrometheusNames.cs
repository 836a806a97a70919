using System.Text;

namespace ProfileHub.Server.Observability;

/// <summary>Prometheus metric and label names from .NET instrument names, units and tags.</summary>
internal static class PrometheusNames
{
    /// <summary>The family name: sanitized, with a unit suffix (seconds, bytes …) and <c>_total</c> for counters.</summary>
    public static string Family(string instrumentName, string? unit, bool isCounter)
    {
        var name = Sanitize(instrumentName, allowColon: true);
        var suffix = UnitSuffix(unit);
        if (suffix.Length > 0 && !name.EndsWith(suffix, StringComparison.Ordinal))
        {
            name += suffix;
        }

        if (isCounter && !name.EndsWith("_total", StringComparison.Ordinal))
        {
            name += "_total";
        }

        return name;
    }

    public static string Label(string key) => Sanitize(key, allowColon: false);

    /// <summary>Escapes a label value for the text format (backslash, double quote, line feed).</summary>
    public static string EscapeLabelValue(string value)
    {
        if (value.AsSpan().IndexOfAny('\\', '"', '\n') < 0)
        {
            return value;
        }

        return value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
    }

    /// <summary>Escapes HELP text (backslash and line feed).</summary>
    public static string EscapeHelp(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string UnitSuffix(string? unit) => unit switch
    {
        "s" => "_seconds",
        "ms" => "_milliseconds",
        "By" => "_bytes",
        _ => string.Empty, // Annotations such as {call} or {request} carry no suffix, as in OpenTelemetry's Prometheus mapping.
    };

    private static string Sanitize(string name, bool allowColon)
    {
        var text = new StringBuilder(name.Length + 1);
        foreach (var c in name)
        {
            var valid = char.IsAsciiLetterOrDigit(c) || c == '_' || (allowColon && c == ':');
            text.Append(valid ? c : '_');
        }

        if (text.Length == 0 || char.IsAsciiDigit(text[0]))
        {
            text.Insert(0, '_');
        }

        return text.ToString();
    }
}

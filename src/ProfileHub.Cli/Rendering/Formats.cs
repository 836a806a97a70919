using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace ProfileHub.Cli.Rendering;

/// <summary>How values are shown in table output; JSON output uses the protobuf JSON mapping unchanged.</summary>
internal static class Formats
{
    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));

    public static string ToJson(IMessage message) => Json.Format(message);

    public static string Time(Timestamp? timestamp) =>
        timestamp is null ? "-" : timestamp.ToDateTimeOffset().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Span(Duration? duration)
    {
        if (duration is null)
        {
            return "-";
        }

        var span = duration.ToTimeSpan();
        return span.TotalDays >= 1 ? $"{span.TotalDays:0.0}d"
            : span.TotalHours >= 1 ? $"{span.TotalHours:0.0}h"
            : span.TotalMinutes >= 1 ? $"{span.TotalMinutes:0.0}m"
            : $"{span.TotalSeconds:0}s";
    }

    public static string Percent(double ratio) => (ratio * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    public static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}

using System.Globalization;
using Google.Protobuf.WellKnownTypes;

namespace ProfileHub.Cli.Records;

/// <summary>Value conversions shared by the JSONL and CSV readers.</summary>
internal static class RecordValues
{
    /// <summary>RFC 3339 with an offset ("2026-03-01T12:00:00Z", "…+02:00"); a time without offset is read as UTC.</summary>
    public static bool TryParseTime(string text, out Timestamp timestamp)
    {
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
        {
            timestamp = Timestamp.FromDateTimeOffset(value);
            return true;
        }

        timestamp = new Timestamp();
        return false;
    }
}

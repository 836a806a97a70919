using System.Globalization;

namespace ProfileHub.Grpc.Internal;

/// <summary>"grpc-timeout": 1 to 8 ASCII digits followed by a unit H, M, S, m (milli), u (micro), n (nano).</summary>
internal static class GrpcTimeout
{
    private const long MaxValue = 99_999_999;

    public static bool TryParse(string? text, out TimeSpan timeout)
    {
        timeout = default;
        if (text is null || text.Length < 2 || text.Length > 9)
        {
            return false;
        }

        long value = 0;
        for (var i = 0; i < text.Length - 1; i++)
        {
            var c = text[i];
            if (c is < '0' or > '9')
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        var ticks = text[^1] switch
        {
            'H' => Multiply(value, TimeSpan.TicksPerHour),
            'M' => Multiply(value, TimeSpan.TicksPerMinute),
            'S' => Multiply(value, TimeSpan.TicksPerSecond),
            'm' => value * TimeSpan.TicksPerMillisecond,
            'u' => value * TimeSpan.TicksPerMicrosecond,
            'n' => (value + 99) / 100, // 100 ns ticks, rounded up so a 1n deadline is not "no time at all"
            _ => -1L,
        };
        if (ticks < 0)
        {
            return false;
        }

        timeout = TimeSpan.FromTicks(ticks);
        return true;
    }

    /// <summary>Formats with the finest unit that fits in 8 digits, rounding up so the server never sees a shorter deadline.</summary>
    public static string Format(TimeSpan timeout)
    {
        var ticks = Math.Max(0, timeout.Ticks);
        ReadOnlySpan<(long TicksPerUnit, char Unit)> units =
        [
            (TimeSpan.TicksPerMillisecond, 'm'),
            (TimeSpan.TicksPerSecond, 'S'),
            (TimeSpan.TicksPerMinute, 'M'),
            (TimeSpan.TicksPerHour, 'H'),
        ];
        foreach (var (perUnit, unit) in units)
        {
            var value = (ticks + perUnit - 1) / perUnit;
            if (value <= MaxValue)
            {
                return value.ToString(CultureInfo.InvariantCulture) + unit;
            }
        }

        return MaxValue.ToString(CultureInfo.InvariantCulture) + "H";
    }

    private static long Multiply(long value, long perUnit) =>
        value > TimeSpan.MaxValue.Ticks / perUnit ? TimeSpan.MaxValue.Ticks : value * perUnit;
}

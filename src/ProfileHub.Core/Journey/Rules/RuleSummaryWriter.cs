using System.Globalization;
using System.Text;

namespace ProfileHub.Core.Journey.Rules;

/// <summary>Renders a rule in words, for example <c>after onboarding: any event on ≥ 3 distinct UTC days within 30d</c>.</summary>
internal static class RuleSummaryWriter
{
    public static string Write(string? afterKey, IReadOnlyList<CompiledCondition> conditions)
    {
        var text = new StringBuilder();
        if (afterKey is not null)
        {
            text.Append("after ").Append(afterKey).Append(": ");
        }

        for (var i = 0; i < conditions.Count; i++)
        {
            if (i > 0)
            {
                text.Append("; or ");
            }

            WriteCondition(text, conditions[i]);
        }

        return text.ToString();
    }

    public static string FormatSpan(TimeSpan span)
    {
        var invariant = CultureInfo.InvariantCulture;
        if (span.Ticks % TimeSpan.TicksPerDay == 0)
        {
            return string.Create(invariant, $"{span.Ticks / TimeSpan.TicksPerDay}d");
        }

        if (span.Ticks % TimeSpan.TicksPerHour == 0)
        {
            return string.Create(invariant, $"{span.Ticks / TimeSpan.TicksPerHour}h");
        }

        return span.Ticks % TimeSpan.TicksPerMinute == 0
            ? string.Create(invariant, $"{span.Ticks / TimeSpan.TicksPerMinute}m")
            : span.ToString("c", invariant);
    }

    private static void WriteCondition(StringBuilder text, CompiledCondition condition)
    {
        text.Append(condition.Events switch
        {
            null => "any event",
            { Count: 1 } one => one.First(),
            var many => "any of [" + string.Join(", ", many) + "]",
        });
        if (condition.Sources is not null)
        {
            text.Append(" from [").Append(string.Join(", ", condition.Sources)).Append(']');
        }

        for (var i = 0; i < condition.Where.Count; i++)
        {
            text.Append(i == 0 ? " where " : " and ");
            WritePredicate(text, condition.Where[i]);
        }

        if (condition.MinCount > 1)
        {
            text.Append(CultureInfo.InvariantCulture, $" at least {condition.MinCount} times");
        }

        if (condition.ActiveDays is { } days)
        {
            text.Append(CultureInfo.InvariantCulture, $" on at least {days} distinct UTC days");
        }

        if (condition.Within is { } within)
        {
            text.Append(" within ").Append(FormatSpan(within));
        }
    }

    private static void WritePredicate(StringBuilder text, CompiledPredicate predicate)
    {
        text.Append(predicate.Property);
        switch (predicate.Op)
        {
            case PredicateOp.Exists:
                text.Append(" exists");
                break;
            case PredicateOp.In:
                text.Append(" in [").Append(string.Join(", ", predicate.Values)).Append(']');
                break;
            default:
                text.Append(' ').Append(Symbol(predicate.Op)).Append(' ').Append(predicate.Value);
                break;
        }
    }

    private static string Symbol(PredicateOp op) => op switch
    {
        PredicateOp.Eq => "=",
        PredicateOp.Neq => "!=",
        PredicateOp.Gt => ">",
        PredicateOp.Gte => ">=",
        PredicateOp.Lt => "<",
        _ => "<=",
    };
}

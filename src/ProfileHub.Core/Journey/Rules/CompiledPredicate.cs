using System.Globalization;

namespace ProfileHub.Core.Journey.Rules;

/// <summary>A validated property predicate, with its numeric operand parsed once.</summary>
internal sealed class CompiledPredicate(string property, PredicateOp op, string? value, decimal number, IReadOnlySet<string> values)
{
    public string Property { get; } = property;

    public PredicateOp Op { get; } = op;

    public string? Value { get; } = value;

    public IReadOnlySet<string> Values { get; } = values;

    public bool Matches(IReadOnlyDictionary<string, string> properties)
    {
        if (!properties.TryGetValue(Property, out var actual))
        {
            return false;
        }

        return Op switch
        {
            PredicateOp.Exists => true,
            PredicateOp.Eq => string.Equals(actual, Value, StringComparison.Ordinal),
            PredicateOp.Neq => !string.Equals(actual, Value, StringComparison.Ordinal),
            PredicateOp.In => Values.Contains(actual),
            _ => TryParseNumber(actual, out var n) && CompareNumber(n),
        };
    }

    public static bool TryParseNumber(string? text, out decimal number) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number);

    private bool CompareNumber(decimal actual) => Op switch
    {
        PredicateOp.Gt => actual > number,
        PredicateOp.Gte => actual >= number,
        PredicateOp.Lt => actual < number,
        PredicateOp.Lte => actual <= number,
        _ => false,
    };
}

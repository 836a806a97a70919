namespace ProfileHub.Core.Journey;

/// <summary>
/// A test on one event property. Ops: <c>eq</c>, <c>neq</c>, <c>in</c>, <c>gt</c>, <c>gte</c>,
/// <c>lt</c>, <c>lte</c>, <c>exists</c>. Text comparisons are ordinal; numeric ops parse
/// invariant-culture decimals, and a property value that is not a number makes them false.
/// An event without the property fails every op.
/// </summary>
public sealed class PredicateSettings
{
    /// <summary>The event property name.</summary>
    public string Property { get; set; } = "";

    /// <summary>The comparison (case-insensitive in configuration).</summary>
    public string Op { get; set; } = "eq";

    /// <summary>The operand of <c>eq</c>, <c>neq</c> and the numeric ops.</summary>
    public string? Value { get; set; }

    /// <summary>The accepted values of <c>in</c>.</summary>
    public List<string> Values { get; set; } = [];
}

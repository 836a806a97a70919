namespace ProfileHub.Core.Errors;

/// <summary>
/// Input that cannot be accepted, naming the field (a path such as <c>records[3].identifiers[0].type</c>)
/// and the reason. The transport maps it to INVALID_ARGUMENT.
/// </summary>
public sealed class InvalidFieldException : Exception
{
    /// <summary>Creates the exception for <paramref name="field"/>.</summary>
    public InvalidFieldException(string field, string reason)
        : base(string.Concat(field, ": ", reason))
    {
        Field = field;
        Reason = reason;
    }

    /// <summary>Path of the offending field.</summary>
    public string Field { get; }

    /// <summary>Why the value is not accepted.</summary>
    public string Reason { get; }
}

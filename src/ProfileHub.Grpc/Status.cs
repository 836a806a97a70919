namespace ProfileHub.Grpc;

/// <summary>The outcome of a gRPC call: a code and a human-readable detail.</summary>
/// <param name="Code">The status code.</param>
/// <param name="Detail">The detail message sent as <c>grpc-message</c>; empty when there is none.</param>
public readonly record struct Status(StatusCode Code, string Detail)
{
    /// <summary>The successful status.</summary>
    public static readonly Status DefaultSuccess = new(StatusCode.OK, string.Empty);

    /// <summary>Creates a status without detail.</summary>
    /// <param name="code">The status code.</param>
    public Status(StatusCode code)
        : this(code, string.Empty)
    {
    }

    /// <inheritdoc />
    public override string ToString() =>
        Detail.Length == 0 ? $"Status(StatusCode=\"{Code}\")" : $"Status(StatusCode=\"{Code}\", Detail=\"{Detail}\")";
}

using Microsoft.Extensions.Primitives;

namespace ProfileHub.Grpc.Internal;

/// <summary>Header names and pre-built header values of the gRPC HTTP/2 protocol (PROTOCOL-HTTP2.md).</summary>
internal static class GrpcProtocol
{
    public const string ContentType = "application/grpc";
    public const string StatusHeader = "grpc-status";
    public const string MessageHeader = "grpc-message";
    public const string TimeoutHeader = "grpc-timeout";
    public const string EncodingHeader = "grpc-encoding";
    public const string AcceptEncodingHeader = "grpc-accept-encoding";
    public const string Gzip = "gzip";
    public const string Identity = "identity";
    public const string SupportedEncodings = "identity,gzip";
    public const int HeaderSize = 5;
    public const int DefaultMaxMessageSize = 4 * 1024 * 1024;

    public static readonly StringValues ContentTypeValue = new(ContentType);
    public static readonly StringValues StatusOkValue = new("0");
    public static readonly StringValues GzipValue = new(Gzip);
    public static readonly StringValues SupportedEncodingsValue = new(SupportedEncodings);

    private static readonly StringValues[] StatusValues = BuildStatusValues();

    /// <summary>Cached "0" … "16" so writing grpc-status allocates nothing.</summary>
    public static StringValues StatusValue(StatusCode code)
    {
        var index = (int)code;
        return (uint)index < (uint)StatusValues.Length ? StatusValues[index] : new StringValues(index.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>"application/grpc" exactly or followed by "+" or ";" (application/grpc+proto, …; parameters).</summary>
    public static bool IsGrpcContentType(string? contentType)
    {
        if (contentType is null || !contentType.StartsWith(ContentType, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return contentType.Length == ContentType.Length || contentType[ContentType.Length] is '+' or ';';
    }

    private static StringValues[] BuildStatusValues()
    {
        var values = new StringValues[17];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = new StringValues(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return values;
    }
}

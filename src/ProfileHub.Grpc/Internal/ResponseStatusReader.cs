using System.Net;
using System.Net.Http.Headers;

namespace ProfileHub.Grpc.Internal;

/// <summary>Reads grpc-status / grpc-message from response headers or trailers, and maps HTTP statuses per the spec.</summary>
internal static class ResponseStatusReader
{
    public static Status ReadStatus(HttpHeaders headers)
    {
        TryGetHeader(headers, GrpcProtocol.StatusHeader, out var statusText);
        if (!int.TryParse(statusText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code))
        {
            return new Status(StatusCode.Unknown, $"Invalid grpc-status '{statusText}'.");
        }

        var detail = TryGetHeader(headers, GrpcProtocol.MessageHeader, out var message) ? PercentEncoding.Decode(message) : string.Empty;
        return new Status((StatusCode)code, detail);
    }

    public static bool TryGetHeader(HttpHeaders headers, string name, out string value)
    {
        if (headers.NonValidated.TryGetValues(name, out var values))
        {
            foreach (var each in values)
            {
                value = each;
                return true;
            }
        }

        value = string.Empty;
        return false;
    }

    public static StatusCode FromHttpStatus(HttpStatusCode status) => status switch
    {
        HttpStatusCode.BadRequest => StatusCode.Internal,
        HttpStatusCode.Unauthorized => StatusCode.Unauthenticated,
        HttpStatusCode.Forbidden => StatusCode.PermissionDenied,
        HttpStatusCode.NotFound => StatusCode.Unimplemented,
        HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout => StatusCode.Unavailable,
        _ => StatusCode.Unknown,
    };
}

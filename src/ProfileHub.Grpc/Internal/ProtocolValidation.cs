using Microsoft.AspNetCore.Http;

namespace ProfileHub.Grpc.Internal;

/// <summary>Request checks every gRPC endpoint makes before anything else, answered per the gRPC HTTP/2 spec.</summary>
internal static class ProtocolValidation
{
    /// <summary>Returns false after writing the error response.</summary>
    public static bool TryAccept(HttpContext httpContext)
    {
        var request = httpContext.Request;
        if (!GrpcProtocol.IsGrpcContentType(request.ContentType))
        {
            GrpcResponseWriter.WriteTrailersOnly(httpContext.Response, StatusCodes.Status415UnsupportedMediaType, StatusCode.Internal, $"Content-Type '{request.ContentType}' is not supported.");
            return false;
        }

        if (!HttpMethods.IsPost(request.Method))
        {
            GrpcResponseWriter.WriteTrailersOnly(httpContext.Response, StatusCodes.Status405MethodNotAllowed, StatusCode.Internal, $"Request HTTP method '{request.Method}' is not supported.");
            return false;
        }

        if (!HttpProtocol.IsHttp2(request.Protocol) && !HttpProtocol.IsHttp3(request.Protocol))
        {
            GrpcResponseWriter.WriteTrailersOnly(httpContext.Response, StatusCodes.Status426UpgradeRequired, StatusCode.Internal, $"Request protocol '{request.Protocol}' is not supported.");
            return false;
        }

        return true;
    }

    /// <summary>Picks request/response encodings; false (after answering UNIMPLEMENTED) for an unknown request encoding.</summary>
    public static bool TryNegotiateEncoding(ServerCallContext call)
    {
        var headers = call.GetHttpContext().Request.Headers;
        var requestEncoding = headers[GrpcProtocol.EncodingHeader];
        if (requestEncoding.Count > 0)
        {
            var value = requestEncoding[0];
            if (string.Equals(value, GrpcProtocol.Gzip, StringComparison.Ordinal))
            {
                call.RequestEncoding = GrpcProtocol.Gzip;
            }
            else if (!string.Equals(value, GrpcProtocol.Identity, StringComparison.Ordinal))
            {
                GrpcResponseWriter.WriteStatus(call, new Status(StatusCode.Unimplemented, $"Unsupported grpc-encoding value '{value}'. Supported encodings: {GrpcProtocol.SupportedEncodings}"));
                return false;
            }
        }

        if (call.Runtime.Options.ResponseCompressionAlgorithm is not null)
        {
            var accept = headers[GrpcProtocol.AcceptEncodingHeader];
            foreach (var list in accept)
            {
                if (list is not null && ListContains(list, GrpcProtocol.Gzip))
                {
                    call.ResponseEncoding = GrpcProtocol.Gzip;
                    break;
                }
            }
        }

        return true;
    }

    private static bool ListContains(string list, string token)
    {
        foreach (var range in list.AsSpan().Split(','))
        {
            if (list.AsSpan()[range].Trim().Equals(token, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}

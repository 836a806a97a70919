using System.Text;
using ProfileHub.Grpc;

namespace ProfileHub.Server.Security;

/// <summary>
/// Checks credentials for every call to a protected profilehub.v1 service before routing reaches
/// it, so methods that are declared but not (yet) bound answer UNAUTHENTICATED/PERMISSION_DENIED
/// rather than UNIMPLEMENTED to strangers. Bound methods are checked again by
/// <see cref="AuthorizationInterceptor"/> only when this middleware did not run.
/// </summary>
internal sealed class MethodAuthorizationMiddleware(RequestDelegate next, CallAuthenticator authenticator, ILogger<MethodAuthorizationMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var scope = authenticator.Enabled && HttpMethods.IsPost(request.Method) && IsGrpc(request.ContentType)
            ? MethodScopes.For(request.Path.Value ?? "")
            : null;
        if (scope is null)
        {
            // Not a protected gRPC call (or auth is off): the transport answers protocol errors itself.
            await next(context);
            return;
        }

        var method = request.Path.Value!;
        try
        {
            context.Items[CallerIdentity.ItemKey] = await authenticator.AuthorizeAsync(method, scope, request.Headers.Authorization, context.Connection.RemoteIpAddress, context.RequestAborted);
        }
        catch (RpcException e)
        {
            SecurityLog.CallRefused(logger, method, e.StatusCode);
            WriteTrailersOnly(context.Response, e.Status);
            return;
        }

        await next(context);
    }

    private static bool IsGrpc(string? contentType) =>
        contentType is not null && contentType.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase);

    private static void WriteTrailersOnly(HttpResponse response, Status status)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        response.Headers["grpc-status"] = ((int)status.Code).ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers["grpc-message"] = PercentEncode(status.Detail);
    }

    // grpc-message is percent-encoded UTF-8: printable ASCII except '%' passes through.
    private static string PercentEncode(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            if (b is >= 0x20 and <= 0x7E and not (byte)'%')
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}

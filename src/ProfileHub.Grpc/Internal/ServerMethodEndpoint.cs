using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ProfileHub.Grpc.Internal;

/// <summary>One bound method: protocol checks, the interceptor pipeline, status mapping and the final status.</summary>
internal abstract class ServerMethodEndpoint
{
    private readonly GrpcServerRuntime _runtime;
    private readonly bool _cancelOnShutdown;
    private readonly GrpcCallHandler? _pipeline;

    protected ServerMethodEndpoint(GrpcServerRuntime runtime, string method, bool cancelOnShutdown)
    {
        _runtime = runtime;
        Method = method;
        _cancelOnShutdown = cancelOnShutdown;
        _pipeline = BuildPipeline([.. runtime.Interceptors.Where(i => i.AppliesTo(method))], InvokeHandlerAsync);
    }

    public string Method { get; }

    public async Task HandleAsync(HttpContext httpContext)
    {
        if (!ProtocolValidation.TryAccept(httpContext))
        {
            return;
        }

        var call = new ServerCallContext(httpContext, Method, _runtime, _cancelOnShutdown);
        try
        {
            if (!ProtocolValidation.TryNegotiateEncoding(call))
            {
                return;
            }

            Status status;
            try
            {
                if (_pipeline is null)
                {
                    await InvokeHandlerAsync(call);
                }
                else
                {
                    await _pipeline(call);
                }

                status = call.Status;
            }
            catch (Exception ex)
            {
                status = OnException(call, ex);
            }

            GrpcResponseWriter.WriteStatus(call, status);
        }
        finally
        {
            call.ReleaseCancellation();
        }
    }

    /// <summary>Reads the request(s), runs the handler, writes the response(s).</summary>
    protected abstract ValueTask InvokeHandlerAsync(ServerCallContext call);

    private static GrpcCallHandler? BuildPipeline(IGrpcServerInterceptor[] interceptors, GrpcCallHandler terminal)
    {
        if (interceptors.Length == 0)
        {
            return null;
        }

        var next = terminal;
        for (var i = interceptors.Length - 1; i >= 0; i--)
        {
            var interceptor = interceptors[i];
            var inner = next;
            next = context => interceptor.InvokeAsync(context, inner);
        }

        return next;
    }

    private Status OnException(ServerCallContext call, Exception exception)
    {
        var status = _runtime.ResolveStatus(exception, call);
        if (exception is RpcException { Trailers.Count: > 0 } rpc)
        {
            foreach (var entry in rpc.Trailers)
            {
                call.ResponseTrailers.AddTrusted(entry);
            }
        }

        if (status.Code == StatusCode.Internal && exception is not RpcException)
        {
            GrpcServerLog.UnhandledException(_runtime.Logger, Method, GrpcServerRuntime.TraceIdOf(call), exception);
        }
        else if (_runtime.Logger.IsEnabled(LogLevel.Debug))
        {
            var exceptionType = exception.GetType().Name;
            GrpcServerLog.MappedException(_runtime.Logger, Method, status.Code, exceptionType);
        }

        return status;
    }
}

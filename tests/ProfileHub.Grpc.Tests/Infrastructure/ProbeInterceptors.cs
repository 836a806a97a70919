namespace ProfileHub.Grpc.Tests.Infrastructure;

/// <summary>Registered first: records entry/exit and, at exit, whether the call's token was cancelled.</summary>
public sealed class OuterProbeInterceptor(CallProbe probe) : IGrpcServerInterceptor
{
    public async ValueTask InvokeAsync(ServerCallContext context, GrpcCallHandler next)
    {
        var id = context.RequestHeaders.GetValue(CallProbe.Header);
        if (id is null)
        {
            await next(context);
            return;
        }

        var record = probe.For(id);
        record.Steps.Enqueue("outer:before");
        try
        {
            await next(context);
        }
        finally
        {
            record.Steps.Enqueue("outer:after");
            record.TokenCancelledAtEnd = context.CancellationToken.IsCancellationRequested;
            record.MarkFinished();
        }
    }
}

/// <summary>Registered second: must run inside <see cref="OuterProbeInterceptor"/>.</summary>
public sealed class InnerProbeInterceptor(CallProbe probe) : IGrpcServerInterceptor
{
    public async ValueTask InvokeAsync(ServerCallContext context, GrpcCallHandler next)
    {
        var id = context.RequestHeaders.GetValue(CallProbe.Header);
        if (id is not null)
        {
            probe.For(id).Steps.Enqueue("inner:before");
        }

        try
        {
            await next(context);
        }
        finally
        {
            if (id is not null)
            {
                probe.For(id).Steps.Enqueue("inner:after");
            }
        }
    }
}

using Google.Protobuf.WellKnownTypes;
using ProfileHub.Grpc;
using ProfileHub.Server.Application;
using ProfileHub.Server.Mapping;
using V1 = ProfileHub.Contracts.V1;

namespace ProfileHub.Server.Services;

/// <summary>profilehub.v1.AnalyticsService: journey-map numbers from stage history.</summary>
internal sealed class AnalyticsService(FunnelReporter funnel)
{
    public async Task<V1.GetFunnelResponse> GetFunnel(V1.GetFunnelRequest request, ServerCallContext context)
    {
        DateTimeOffset? from = request.From is null ? null : RecordMapping.ToDateTimeOffset(request.From, "from");
        DateTimeOffset? to = request.To is null ? null : RecordMapping.ToDateTimeOffset(request.To, "to");
        if (from is { } f && to is { } t && t <= f)
        {
            throw new Core.Errors.InvalidFieldException("to", "must be later than from");
        }

        var report = await funnel.ComputeAsync(from, to, string.IsNullOrEmpty(request.Source) ? null : request.Source, context.CancellationToken);
        var response = new V1.GetFunnelResponse { Profiles = report.Profiles };
        foreach (var stage in report.Stages)
        {
            response.Stages.Add(new V1.FunnelStage
            {
                Stage = stage.Key,
                Order = stage.Order,
                Reached = stage.Reached,
                Converted = stage.Converted,
                ConversionRate = stage.ConversionRate,
                DropOffRate = stage.DropOffRate,
                MedianTimeToNext = stage.MedianTimeToNext is { } median ? Duration.FromTimeSpan(median) : null,
                P90TimeToNext = stage.P90TimeToNext is { } p90 ? Duration.FromTimeSpan(p90) : null,
            });
        }

        return response;
    }
}

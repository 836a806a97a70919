using Microsoft.AspNetCore.Builder;

namespace ProfileHub.Grpc.Internal;

/// <summary>Applies conventions (authorization, metadata) to every method endpoint of one service.</summary>
internal sealed class GrpcServiceConventionBuilder(IReadOnlyList<IEndpointConventionBuilder> builders) : IEndpointConventionBuilder
{
    public void Add(Action<EndpointBuilder> convention)
    {
        foreach (var builder in builders)
        {
            builder.Add(convention);
        }
    }

    public void Finally(Action<EndpointBuilder> finallyConvention)
    {
        foreach (var builder in builders)
        {
            builder.Finally(finallyConvention);
        }
    }
}

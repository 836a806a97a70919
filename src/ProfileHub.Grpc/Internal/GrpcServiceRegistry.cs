using Google.Protobuf.Reflection;

namespace ProfileHub.Grpc.Internal;

/// <summary>The services mapped on this server (for reflection and for telling unknown services from unknown methods).</summary>
internal sealed class GrpcServiceRegistry
{
    private readonly Lock _gate = new();
    private readonly List<ServiceDescriptor> _services = [];

    public bool CatchAllMapped { get; set; }

    public IReadOnlyList<ServiceDescriptor> Services
    {
        get
        {
            lock (_gate)
            {
                return [.. _services];
            }
        }
    }

    public void Add(ServiceDescriptor service)
    {
        lock (_gate)
        {
            if (_services.Exists(s => s.FullName == service.FullName))
            {
                throw new InvalidOperationException($"Service '{service.FullName}' is mapped twice.");
            }

            _services.Add(service);
        }
    }

    /// <summary>Whether some mapped service has a method of this name (bound or not).</summary>
    public bool ContainsMethodName(string methodName)
    {
        lock (_gate)
        {
            return _services.Exists(s => s.Methods.Any(m => m.Name == methodName));
        }
    }

    public bool Contains(string serviceName)
    {
        lock (_gate)
        {
            return _services.Exists(s => s.FullName == serviceName);
        }
    }
}

namespace ProfileHub.Grpc;

/// <summary>Serving status of a service, as grpc.health.v1 reports it.</summary>
public enum HealthStatus
{
    /// <summary>Status not known.</summary>
    Unknown = 0,
    /// <summary>The service accepts calls.</summary>
    Serving = 1,
    /// <summary>The service does not accept calls (starting, draining, a dependency down).</summary>
    NotServing = 2,
    /// <summary>The service name is not known to the server (reported by Watch only).</summary>
    ServiceUnknown = 3,
}

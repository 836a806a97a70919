namespace ProfileHub.Server.Observability;

/// <summary>The Prometheus endpoint (<c>ProfileHub:Metrics</c>).</summary>
internal sealed class MetricsOptions
{
    public const string Section = "ProfileHub:Metrics";

    /// <summary>HTTP/1.1 port of <c>/metrics</c>, separate from gRPC; 0 disables the endpoint.</summary>
    public int Port { get; set; } = 9090;

    /// <summary>Address to bind; empty means the host of the first gRPC URL (so a loopback-only service stays loopback-only).</summary>
    public string Address { get; set; } = string.Empty;

    /// <summary>Meters exported; a trailing <c>*</c> matches a prefix.</summary>
    public List<string> Meters { get; set; } = [];

    /// <summary>Most label combinations kept per instrument; beyond it new combinations are dropped (and counted).</summary>
    public int MaxSeriesPerInstrument { get; set; } = 2_000;

    /// <summary>The meters exported when <see cref="Meters"/> is empty.</summary>
    public static IReadOnlyList<string> DefaultMeters { get; } = ["ProfileHub.*", "System.Runtime", "Microsoft.AspNetCore.Server.Kestrel"];
}

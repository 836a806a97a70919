using System.Net;
using System.Net.Sockets;

namespace ProfileHub.Testing;

/// <summary>Free loopback ports for child processes (the OS picks one for a throw-away listener).</summary>
public static class FreeTcpPort
{
    /// <summary>A loopback port that was free a moment ago.</summary>
    public static int Pick()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }
}

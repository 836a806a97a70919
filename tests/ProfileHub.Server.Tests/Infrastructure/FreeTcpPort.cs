using System.Net;
using System.Net.Sockets;

namespace ProfileHub.Server.Tests.Infrastructure;

/// <summary>Free loopback ports for child processes (the OS picks one for a throw-away listener).</summary>
public static class FreeTcpPort
{
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

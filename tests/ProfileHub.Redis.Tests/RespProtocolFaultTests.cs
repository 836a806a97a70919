using System.Net;
using System.Net.Sockets;

namespace ProfileHub.Redis.Tests;

/// <summary>A real redis-server never sends invalid RESP, so these faults come from a tiny fake peer.</summary>
public sealed class RespProtocolFaultTests
{
    [Theory]
    [InlineData("%bogus\r\n")]
    [InlineData("$abc\r\n")]
    [InlineData("$3\r\nabcXY")]
    public async Task Invalid_reply_bytes_raise_a_protocol_exception(string garbage)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var peer = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync();
            var stream = client.GetStream();
            var buffer = new byte[4096];
            _ = await stream.ReadAsync(buffer); // CLIENT SETNAME
            await stream.WriteAsync("+OK\r\n"u8.ToArray());
            _ = await stream.ReadAsync(buffer); // the test's GET
            await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(garbage));
            await Task.Delay(2000);
        });
        await using var connection = await RedisConnection.ConnectAsync(new RedisOptions
        {
            Configuration = $"127.0.0.1:{port},abortConnect=true",
            ReconnectMinDelay = TimeSpan.FromSeconds(5),
        });

        await Assert.ThrowsAsync<RedisProtocolException>(() => connection.GetAsync("k"));
        Assert.False(connection.IsConnected);
        listener.Stop();
        await peer.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { });
    }
}

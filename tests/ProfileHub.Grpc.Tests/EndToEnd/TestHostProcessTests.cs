using System.Diagnostics;
using Google.Protobuf;
using ProfileHub.Grpc.Client;
using ProfileHub.Grpc.Tests.Infrastructure;
using ProfileHub.Grpc.TestHost;

namespace ProfileHub.Grpc.Tests.EndToEnd;

/// <summary>The TestHost executable as the Python conformance suite and the benchmark start it.</summary>
public class TestHostProcessTests
{
    [Fact]
    public async Task The_host_prints_its_bound_port_and_honours_command_line_limits()
    {
        var hostDll = Path.Combine(AppContext.BaseDirectory, "ProfileHub.Grpc.TestHost.dll");
        using var process = Process.Start(new ProcessStartInfo("dotnet", [hostDll, "--urls", "http://127.0.0.1:0", "--MaxReceiveMessageSize", "1024"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
            Assert.NotNull(line);
            Assert.Matches(@"^READY http://127\.0\.0\.1:[1-9][0-9]*$", line);
            using var channel = GrpcChannel.ForAddress(line["READY ".Length..]);

            var small = await channel.UnaryAsync(EchoServerFixture.Echo, new EchoRequest { Message = "ok" });
            var error = await Assert.ThrowsAsync<RpcException>(() =>
                channel.UnaryAsync(EchoServerFixture.Echo, new EchoRequest { Payload = ByteString.CopyFrom(new byte[2048]) }));

            Assert.Equal("ok", small.Message);
            Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ProfileHub.Testing;

/// <summary>
/// A real redis-server on a free loopback port, owned by a test: it can be killed and started again on the same
/// port. Extra arguments add e.g. <c>--requirepass</c>, ACL users or a TLS port.
/// </summary>
public sealed class RedisServerProcess : IAsyncDisposable
{
    private readonly string[] _extraArguments;
    private readonly string _directory;
    private Process? _process;

    private RedisServerProcess(int port, string[] extraArguments)
    {
        Port = port;
        _extraArguments = extraArguments;
        _directory = Directory.CreateTempSubdirectory("profilehub-redis-").FullName;
    }

    /// <summary>The plain-text port redis-server listens on.</summary>
    public int Port { get; }

    /// <summary>host:port, the value of <c>ProfileHub:Redis:Configuration</c>.</summary>
    public string Endpoint => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Whether the process is alive.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>
    /// Starts redis-server on a free port and waits until it answers PING. A port picked as free can be taken
    /// before redis-server binds it (redis-server then exits): the start is repeated on a newly picked port.
    /// </summary>
    public static async Task<RedisServerProcess> StartAsync(params string[] extraArguments)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnPortAsync(FreeTcpPort.Pick(), extraArguments);
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // redis-server exited while starting: most likely the port was taken meanwhile.
            }
        }
    }

    /// <summary>Starts redis-server on <paramref name="port"/> and waits until it answers PING.</summary>
    public static async Task<RedisServerProcess> StartOnPortAsync(int port, params string[] extraArguments)
    {
        var server = new RedisServerProcess(port, extraArguments);
        try
        {
            await server.StartAgainAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts redis-server (again) on <see cref="Port"/> and waits until it answers PING.</summary>
    public async Task StartAgainAsync()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("redis-server is already running.");
        }

        var start = new ProcessStartInfo("redis-server")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _directory,
        };
        foreach (var argument in ((string[])["--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", _directory, "--loglevel", "warning"]).Concat(_extraArguments))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        process.OutputDataReceived += static (_, _) => { };
        process.ErrorDataReceived += static (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        await WaitForPongAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>SIGKILL: Redis vanishes mid-conversation, as in a real outage.</summary>
    public async Task KillAsync()
    {
        if (_process is { } process)
        {
            if (!process.HasExited)
            {
                process.Kill();
                await process.WaitForExitAsync();
            }

            process.Dispose();
            _process = null;
        }
    }

    /// <summary>Kills the server and starts it again on the same port.</summary>
    public async Task RestartAsync()
    {
        await KillAsync();
        await StartAgainAsync();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }

    private async Task WaitForPongAsync(TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        Exception? last = null;
        while (DateTime.UtcNow < deadline)
        {
            if (!IsRunning)
            {
                throw new InvalidOperationException($"redis-server exited with code {_process?.ExitCode} while starting on port {Port} (is the port taken?).");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                var stream = client.GetStream();
                await stream.WriteAsync("PING\r\n"u8.ToArray());
                var buffer = new byte[64];
                var read = await stream.ReadAsync(buffer);
                var reply = Encoding.ASCII.GetString(buffer, 0, read);
                // A password-protected server answers NOAUTH: it is up all the same.
                if (reply.StartsWith("+PONG", StringComparison.Ordinal) || reply.StartsWith("-NOAUTH", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (SocketException e)
            {
                last = e;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"redis-server on port {Port} did not answer PING within {within}.", last);
    }
}

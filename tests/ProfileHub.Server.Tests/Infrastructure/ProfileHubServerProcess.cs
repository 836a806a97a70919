using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Grpc.Health.V1;
using ProfileHub.Grpc;
using ProfileHub.Grpc.Client;

namespace ProfileHub.Server.Tests.Infrastructure;

/// <summary>
/// The real ProfileHub server binary as a child process on a free loopback port, with its own (or a
/// given, shared) SQLite file. Started and torn down by a test or a fixture.
/// </summary>
public sealed class ProfileHubServerProcess : IAsyncDisposable
{
    private const int KeptOutputLines = 400;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly ConcurrentQueue<string> _output = new();
    private readonly string? _ownedDirectory;
    private Process? _process;

    private ProfileHubServerProcess(int port, string databasePath, string? ownedDirectory)
    {
        Port = port;
        MetricsPort = FreeTcpPort.Pick();
        DatabasePath = databasePath;
        _ownedDirectory = ownedDirectory;
        Address = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        Channel = GrpcChannel.ForAddress(Address);
    }

    public int Port { get; }

    public string Address { get; }

    /// <summary>The HTTP/1.1 port of the server's /metrics endpoint.</summary>
    public int MetricsPort { get; }

    /// <summary>The SQLite file; pass it to a second instance to share the store.</summary>
    public string DatabasePath { get; }

    public GrpcChannel Channel { get; }

    public int ProcessId => _process?.Id ?? throw new InvalidOperationException("The server is not running.");

    public bool HasExited => _process is null || _process.HasExited;

    /// <summary>The last lines the server wrote to stdout and stderr.</summary>
    public string Output => string.Join(Environment.NewLine, _output);

    /// <summary>
    /// Starts the server and waits until grpc.health.v1 reports SERVING for "".
    /// <paramref name="databasePath"/> null creates a fresh SQLite file in a new temp directory.
    /// </summary>
    public static async Task<ProfileHubServerProcess> StartAsync(IEnumerable<string>? extraArguments = null, string? databasePath = null, CancellationToken cancellationToken = default)
    {
        string? owned = null;
        if (databasePath is null)
        {
            owned = Directory.CreateTempSubdirectory("profilehub-server-").FullName;
            databasePath = Path.Combine(owned, "profilehub.db");
        }

        var server = new ProfileHubServerProcess(FreeTcpPort.Pick(), databasePath, owned);
        try
        {
            server.Launch(extraArguments ?? []);
            await server.WaitUntilServingAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Sends SIGTERM (a graceful stop) without waiting.</summary>
    public void SendTerminate()
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", ProcessId.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })
            ?? throw new InvalidOperationException("kill did not start.");
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -TERM {ProcessId} failed with exit code {kill.ExitCode}.");
        }
    }

    /// <summary>Waits for the process to exit and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan within)
    {
        var process = _process ?? throw new InvalidOperationException("The server was never started.");
        using var timeout = new CancellationTokenSource(within);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The server did not exit within {within}. Output:{Environment.NewLine}{Output}");
        }

        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        if (_process is { } process)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            process.Dispose();
            _process = null;
        }

        if (_ownedDirectory is not null)
        {
            try
            {
                Directory.Delete(_ownedDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp directory is harmless.
            }
        }
    }

    private void Launch(IEnumerable<string> extraArguments)
    {
        var serverAssembly = RepositoryLayout.ServerAssembly;
        if (!File.Exists(serverAssembly))
        {
            throw new FileNotFoundException($"The server binary is missing; build tests/ProfileHub.Server.Tests (it builds the server) in {RepositoryLayout.Configuration}.", serverAssembly);
        }

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(DatabasePath)!,
        };
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        foreach (var argument in (string[])[
            serverAssembly,
            "--contentRoot", RepositoryLayout.ServerDirectory,
            "--urls", Address,
            "--ProfileHub:Storage:ConnectionString=Data Source=" + DatabasePath,
            // Tests call without credentials; "none" is allowed outside Production (the environment is Development).
            "--ProfileHub:Auth:Mode=none",
            // The Prometheus endpoint defaults to a fixed port: several instances run at once here.
            "--ProfileHub:Metrics:Port=" + MetricsPort.ToString(CultureInfo.InvariantCulture),
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information",
        ])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var argument in extraArguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException("dotnet did not start.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > KeptOutputLines && _output.TryDequeue(out _))
        {
        }
    }

    private async Task WaitUntilServingAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        string last = "no answer yet";
        while (DateTime.UtcNow < deadline)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (HasExited)
            {
                throw new InvalidOperationException($"The server exited with code {_process?.ExitCode} while starting.{Environment.NewLine}{Output}");
            }

            try
            {
                var response = await Channel.UnaryAsync(StandardMethods.HealthCheck, new HealthCheckRequest(), new CallOptions(Deadline: DateTime.UtcNow.AddSeconds(2), CancellationToken: cancellationToken));
                if (response.Status == HealthCheckResponse.Types.ServingStatus.Serving)
                {
                    return;
                }

                last = response.Status.ToString();
            }
            catch (RpcException e)
            {
                last = e.Status.ToString();
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException($"The server on {Address} did not report SERVING within {StartTimeout} (last: {last}).{Environment.NewLine}{Output}");
    }
}

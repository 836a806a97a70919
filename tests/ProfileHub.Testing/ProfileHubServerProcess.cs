using System.Diagnostics;
using System.Globalization;
using System.Text;
using Grpc.Health.V1;
using ProfileHub.Grpc;
using ProfileHub.Grpc.Client;

namespace ProfileHub.Testing;

/// <summary>
/// The real ProfileHub server binary as a child process on a free loopback port, with its own (or a given,
/// shared) SQLite file and its own metrics port. Started and torn down by a test or a fixture.
/// </summary>
public sealed class ProfileHubServerProcess : IAsyncDisposable
{
    private const string ServingLine = "serving gRPC on ";
    private const string AddressInUse = "address already in use";
    private const int MaxPortAttempts = 3;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly Method<HealthCheckRequest, HealthCheckResponse> HealthCheck =
        Method<HealthCheckRequest, HealthCheckResponse>.Create(HealthReflection.Descriptor.Services[0], "Check");

    private readonly StringBuilder _output = new();
    private readonly StringBuilder _standardOutput = new();
    private readonly StringBuilder _standardError = new();
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lazy<GrpcChannel> _channel;
    private readonly string? _ownedDirectory;
    private Process? _process;

    private ProfileHubServerProcess(string scheme, string databasePath, string? ownedDirectory)
    {
        Port = FreeTcpPort.Pick();
        MetricsPort = FreeTcpPort.Pick();
        DatabasePath = databasePath;
        Directory = Path.GetDirectoryName(databasePath)!;
        _ownedDirectory = ownedDirectory;
        Address = $"{scheme}://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";
        _channel = new Lazy<GrpcChannel>(() => GrpcChannel.ForAddress(Address));
    }

    /// <summary>The gRPC port.</summary>
    public int Port { get; }

    /// <summary>scheme://127.0.0.1:port of the gRPC listener.</summary>
    public string Address { get; }

    /// <summary>The HTTP/1.1 port of the server's /metrics endpoint.</summary>
    public int MetricsPort { get; }

    /// <summary>The full URL of the Prometheus endpoint.</summary>
    public string MetricsUrl => $"http://127.0.0.1:{MetricsPort.ToString(CultureInfo.InvariantCulture)}/metrics";

    /// <summary>The SQLite file; pass it to a second instance to share the store.</summary>
    public string DatabasePath { get; }

    /// <summary>The directory of the SQLite file, also the server's working directory; a place for a test's scratch files.</summary>
    public string Directory { get; }

    /// <summary>A plain-text channel to <see cref="Address"/>, disposed with the process.</summary>
    public GrpcChannel Channel => _channel.Value;

    /// <summary>The operating-system process id.</summary>
    public int ProcessId => _process?.Id ?? throw new InvalidOperationException("The server is not running.");

    /// <summary>Whether the process has gone (or never started).</summary>
    public bool HasExited => _process is null || _process.HasExited;

    /// <summary>Everything the server wrote to stdout and stderr, interleaved as it arrived.</summary>
    public string Output => Read(_output);

    /// <summary>Everything the server wrote to stdout.</summary>
    public string StandardOutput => Read(_standardOutput);

    /// <summary>Everything the server wrote to stderr.</summary>
    public string StandardError => Read(_standardError);

    /// <summary>
    /// Starts the server with the default options plus <paramref name="extraArguments"/> and waits until grpc.health.v1
    /// reports SERVING. <paramref name="databasePath"/> null creates a fresh SQLite file in a new temp directory.
    /// </summary>
    public static Task<ProfileHubServerProcess> StartAsync(IEnumerable<string>? extraArguments = null, string? databasePath = null, CancellationToken cancellationToken = default) =>
        StartAsync(new ProfileHubServerOptions { Arguments = [.. extraArguments ?? []], DatabasePath = databasePath }, cancellationToken);

    /// <summary>
    /// Starts the server and waits for <see cref="ProfileHubServerOptions.WaitFor"/>. A port picked as free can
    /// be taken by another process (often as the local end of some connection) before the server binds it;
    /// a start that fails only for that is repeated on newly picked ports.
    /// </summary>
    public static async Task<ProfileHubServerProcess> StartAsync(ProfileHubServerOptions options, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var server = Launch(options);
            try
            {
                if (options.WaitFor == ServerReadiness.Listening)
                {
                    await server.WaitUntilListeningAsync(cancellationToken);
                }
                else
                {
                    await server.WaitUntilServingAsync(cancellationToken);
                }

                return server;
            }
            catch (InvalidOperationException e) when (server.LostPortRace())
            {
                // The output is complete only now (the exception may predate its last lines).
                var output = server.Output;
                await server.DisposeAsync();
                if (attempt == MaxPortAttempts)
                {
                    throw new InvalidOperationException(
                        $"The server on {server.Address} found a port taken on each of {MaxPortAttempts} attempts.{Environment.NewLine}{output}", e);
                }
            }
            catch
            {
                await server.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>Starts the server without waiting (for start-ups that are meant to fail).</summary>
    public static ProfileHubServerProcess Launch(ProfileHubServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        string? owned = null;
        var databasePath = options.DatabasePath;
        if (databasePath is null)
        {
            owned = System.IO.Directory.CreateTempSubdirectory("profilehub-server-").FullName;
            databasePath = Path.Combine(owned, "profilehub.db");
        }

        var server = new ProfileHubServerProcess(options.Scheme, databasePath, owned);
        try
        {
            server.Start(options);
            return server;
        }
        catch
        {
            server.DisposeAsync().AsTask().GetAwaiter().GetResult();
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

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_channel.IsValueCreated)
        {
            _channel.Value.Dispose();
        }

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
                System.IO.Directory.Delete(_ownedDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held by the dying process; a leftover temp directory is harmless.
            }
        }
    }

    /// <summary>Whether the process exited because one of its ports was already taken.</summary>
    private bool LostPortRace()
    {
        if (_process is not { } process || !process.WaitForExit(TimeSpan.FromSeconds(10)))
        {
            return false;
        }

        // Without a time-out the wait also drains the redirected output, where the reason is.
        process.WaitForExit();
        return Output.Contains(AddressInUse, StringComparison.OrdinalIgnoreCase);
    }

    private static string Read(StringBuilder buffer)
    {
        lock (buffer)
        {
            return buffer.ToString();
        }
    }

    private static void Append(StringBuilder buffer, string line)
    {
        lock (buffer)
        {
            buffer.AppendLine(line);
        }
    }

    private void Start(ProfileHubServerOptions options)
    {
        var serverAssembly = RepositoryLayout.ServerAssembly;
        if (!File.Exists(serverAssembly))
        {
            throw new FileNotFoundException($"The server binary is missing; build a test project that references src/ProfileHub.Server in {RepositoryLayout.Configuration}.", serverAssembly);
        }

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Directory,
        };
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        foreach (var (key, value) in DefaultEnvironment(options))
        {
            start.Environment[key] = value;
        }

        // The caller's variables replace the defaults; its arguments (below) win over both.
        foreach (var (key, value) in options.Environment)
        {
            start.Environment[key] = value;
        }

        foreach (var argument in (string[])[serverAssembly, "--contentRoot", RepositoryLayout.ServerDirectory, "--urls", Address])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var argument in options.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => OnStandardOutput(e.Data);
        process.ErrorDataReceived += (_, e) => OnStandardError(e.Data);
        process.Exited += (_, _) => _listening.TrySetException(new InvalidOperationException("The server exited before listening."));
        if (!process.Start())
        {
            throw new InvalidOperationException("dotnet did not start.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
    }

    private Dictionary<string, string> DefaultEnvironment(ProfileHubServerOptions options)
    {
        var defaults = new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["ProfileHub__Storage__ConnectionString"] = "Data Source=" + DatabasePath,
            // The Prometheus endpoint defaults to a fixed port: several instances run at once here.
            ["ProfileHub__Metrics__Port"] = MetricsPort.ToString(CultureInfo.InvariantCulture),
        };
        if (options.AuthMode is { } authMode)
        {
            // Tests call without credentials; "none" is allowed outside Production (the environment is Development).
            defaults["ProfileHub__Auth__Mode"] = authMode;
        }

        if (options.QuietLogs)
        {
            defaults["Logging__LogLevel__Default"] = "Warning";
            defaults["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        }

        return defaults;
    }

    private void OnStandardOutput(string? line)
    {
        if (line is null)
        {
            return;
        }

        Append(_standardOutput, line);
        Append(_output, line);
        if (line.Contains(ServingLine, StringComparison.Ordinal))
        {
            _listening.TrySetResult();
        }
    }

    private void OnStandardError(string? line)
    {
        if (line is null)
        {
            return;
        }

        Append(_standardError, line);
        Append(_output, line);
    }

    private async Task WaitUntilListeningAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _listening.Task.WaitAsync(StartTimeout, cancellationToken);
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            throw new InvalidOperationException($"The server on {Address} did not log \"{ServingLine.Trim()}\" (exited: {HasExited}).{Environment.NewLine}{Output}", e);
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
                var response = await Channel.UnaryAsync(HealthCheck, new HealthCheckRequest(), new CallOptions(Deadline: DateTime.UtcNow.AddSeconds(2), CancellationToken: cancellationToken));
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

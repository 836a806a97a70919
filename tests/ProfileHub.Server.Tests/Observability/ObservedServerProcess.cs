using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Grpc.Health.V1;
using ProfileHub.Grpc;
using ProfileHub.Grpc.Client;

namespace ProfileHub.Server.Tests.Observability;

/// <summary>
/// The built server binary as its own process (so its console log format and second HTTP/1.1 listener are the
/// real ones), on free loopback ports with a temp SQLite file; ready once grpc.health.v1 says SERVING.
/// </summary>
public sealed class ObservedServerProcess : IAsyncDisposable
{
    private static readonly Method<HealthCheckRequest, HealthCheckResponse> Check =
        Method<HealthCheckRequest, HealthCheckResponse>.Create(HealthReflection.Descriptor.Services.Single(s => s.Name == "Health"), "Check");

    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly string _directory;

    private ObservedServerProcess(Process process, string directory, int grpcPort, int metricsPort)
    {
        _process = process;
        _directory = directory;
        GrpcAddress = $"http://127.0.0.1:{grpcPort}";
        MetricsUrl = $"http://127.0.0.1:{metricsPort}/metrics";
    }

    public string GrpcAddress { get; }

    public string MetricsUrl { get; }

    public string Stdout
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    public static async Task<ObservedServerProcess> StartAsync(string logFormat, IReadOnlyDictionary<string, string>? settings = null)
    {
        var serverDll = ServerDll();
        var directory = Directory.CreateTempSubdirectory("profilehub-metrics-").FullName;
        var (grpcPort, metricsPort) = (FreePort(), FreePort());
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(serverDll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{grpcPort}");
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["ProfileHub__Storage__ConnectionString"] = $"Data Source={Path.Combine(directory, "profilehub.db")}";
        start.Environment["ProfileHub__Metrics__Port"] = metricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["ProfileHub__Logging__Format"] = logFormat;
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        var server = new ObservedServerProcess(process, directory, grpcPort, metricsPort);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitServingAsync();
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Still held by the exiting process; the temp directory is left to the OS.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string ServerDll()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = output.Parent!.Name;
        for (var directory = output; directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "src", "ProfileHub.Server", "bin", configuration, "net10.0", "ProfileHub.Server.dll");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("ProfileHub.Server.dll not found for configuration " + configuration);
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_stdout)
            {
                _stdout.AppendLine(line);
            }
        }
    }

    private async Task WaitServingAsync()
    {
        using var channel = GrpcChannel.ForAddress(GrpcAddress);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Server exited with {_process.ExitCode}:\n{Stdout}");
            }

            try
            {
                var response = await channel.UnaryAsync(Check, new HealthCheckRequest(), new CallOptions(Deadline: DateTime.UtcNow.AddSeconds(2)));
                if (response.Status == HealthCheckResponse.Types.ServingStatus.Serving)
                {
                    return;
                }
            }
            catch (RpcException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("Server not SERVING within 60 s:\n" + Stdout);
    }
}

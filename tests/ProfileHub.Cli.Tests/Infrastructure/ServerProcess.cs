using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Grpc.Health.V1;
using ProfileHub.Grpc;
using ProfileHub.Grpc.Client;

namespace ProfileHub.Cli.Tests.Infrastructure;

/// <summary>
/// The real ProfileHub.Server binary on a free loopback port with its own SQLite file in a temp directory,
/// started and awaited until grpc.health.v1 says SERVING.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private static readonly Method<HealthCheckRequest, HealthCheckResponse> Check =
        Method<HealthCheckRequest, HealthCheckResponse>.Create(HealthReflection.Descriptor.Services.Single(s => s.Name == "Health"), "Check");

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServerProcess(Process process, string directory, string address)
    {
        _process = process;
        Directory = directory;
        Address = address;
    }

    public string Address { get; }

    public string Directory { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task<ServerProcess> StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        if (!File.Exists(RepositoryPaths.ServerDll))
        {
            throw new InvalidOperationException("Server not built: " + RepositoryPaths.ServerDll);
        }

        var directory = System.IO.Directory.CreateTempSubdirectory("profilehub-cli-").FullName;
        var address = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(RepositoryPaths.ServerDll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(address);
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["ProfileHub__Storage__ConnectionString"] = $"Data Source={Path.Combine(directory, "profilehub.db")}";
        start.Environment["ProfileHub__Metrics__Port"] = "0";
        start.Environment["ProfileHub__Logging__Format"] = "text";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        var server = new ServerProcess(process, directory, address);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitServingAsync(TimeSpan.FromSeconds(60));
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
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by the dying process: the temp directory is cleaned up by the OS later.
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private async Task WaitServingAsync(TimeSpan limit)
    {
        using var channel = GrpcChannel.ForAddress(Address);
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Server exited with {_process.ExitCode} before serving:\n{Output}");
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

        throw new TimeoutException($"Server not SERVING within {limit}:\n{Output}");
    }
}

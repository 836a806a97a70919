using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace ProfileHub.Server.Tests.Security;

/// <summary>
/// The real ProfileHub.Server binary in its own process, configured through environment variables,
/// listening on a free loopback port (port 0; the bound address is read from the start-up log line).
/// </summary>
public sealed partial class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource<string> _address = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServerProcess(Process process, string directory)
    {
        _process = process;
        Directory = directory;
    }

    public string Directory { get; }

    public string Address => _address.Task.IsCompletedSuccessfully ? _address.Task.Result : throw new InvalidOperationException("Server did not start.");

    public bool HasExited => _process.HasExited;

    public string StandardError { get { lock (_stderr) { return _stderr.ToString(); } } }

    public string StandardOutput { get { lock (_stdout) { return _stdout.ToString(); } } }

    /// <summary>Starts the server; <paramref name="environment"/> adds or overrides variables (DOTNET_ENVIRONMENT defaults to Development).</summary>
    public static ServerProcess Launch(IReadOnlyDictionary<string, string> environment, string scheme = "http")
    {
        var directory = Path.Combine(Path.GetTempPath(), "profilehub-security-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ServerDll());
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(scheme + "://127.0.0.1:0");
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment["ProfileHub__Storage__ConnectionString"] = "Data Source=" + Path.Combine(directory, "profilehub.db");
        start.Environment["ProfileHub__Metrics__Port"] = "0";
        start.Environment["Logging__LogLevel__Default"] = "Information";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var server = new ServerProcess(process, directory);
        process.OutputDataReceived += (_, e) => server.OnOutput(e.Data);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (server._stderr)
                {
                    server._stderr.AppendLine(e.Data);
                }
            }
        };
        process.Exited += (_, _) => server._address.TrySetException(new InvalidOperationException("Server exited before listening."));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>Starts the server and waits until it listens.</summary>
    public static async Task<ServerProcess> StartAsync(IReadOnlyDictionary<string, string> environment, string scheme = "http")
    {
        var server = Launch(environment, scheme);
        try
        {
            await server._address.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (Exception e)
        {
            var output = server.StandardOutput + server.StandardError;
            await server.DisposeAsync();
            throw new InvalidOperationException("ProfileHub.Server did not start: " + output, e);
        }

        return server;
    }

    /// <summary>Waits for the process to exit on its own; its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancellation.Token);
        return _process.ExitCode;
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
            // A file still held open by a dying child process; the temp directory is reclaimed later.
        }
    }

    private static string ServerDll()
    {
        // Same configuration as this test assembly (bin/<Configuration>/net10.0/).
        var testDirectory = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = testDirectory.Parent!.Name;
        var root = testDirectory;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "ProfileHub.sln")))
        {
            root = root.Parent;
        }

        var dll = Path.Combine(root!.FullName, "src", "ProfileHub.Server", "bin", configuration, testDirectory.Name, "ProfileHub.Server.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build src/ProfileHub.Server first.", dll);
    }

    private void OnOutput(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_stdout)
        {
            _stdout.AppendLine(line);
        }

        var match = ServingLine().Match(line);
        if (match.Success)
        {
            _address.TrySetResult(match.Groups[1].Value);
        }
    }

    [GeneratedRegex(@"serving gRPC on (https?://[0-9.]+:\d+)")]
    private static partial Regex ServingLine();
}

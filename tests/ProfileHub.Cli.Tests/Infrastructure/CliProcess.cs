using System.Diagnostics;

namespace ProfileHub.Cli.Tests.Infrastructure;

/// <summary>Runs the built <c>profilehub</c> CLI as a child process, the way scripts and the Docker HEALTHCHECK do.</summary>
public static class CliProcess
{
    public static async Task<CliResult> RunAsync(string? address, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "profilehub.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("PROFILEHUB_TOKEN");
        if (address is null)
        {
            start.Environment.Remove("PROFILEHUB_ADDRESS");
        }
        else
        {
            start.Environment["PROFILEHUB_ADDRESS"] = address;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("profilehub " + string.Join(' ', args) + " did not finish within 120 s");
        }

        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}

using System.Diagnostics;
using System.Text.RegularExpressions;

namespace ProfileHub.Deploy.Tests.Docker;

public sealed partial class DockerfileTests
{
    private static readonly IReadOnlyList<DockerInstruction> Instructions = DockerfileParser.Parse(File.ReadAllText(RepositoryRoot.Combine("Dockerfile")));

    [Fact]
    public void Build_runs_on_the_sdk_and_the_runtime_on_aspnet_10()
    {
        var froms = Instructions.Where(i => i.Keyword == "FROM").Select(i => i.Arguments).ToList();

        Assert.Equal(["mcr.microsoft.com/dotnet/sdk:10.0 AS build", "mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime"], froms);
    }

    [Fact]
    public void Restore_is_its_own_layer_before_the_sources_are_copied_and_publish_does_not_restore()
    {
        var build = Instructions.Where(i => i.Stage == 0).ToList();
        var restore = build.FindIndex(i => i.Keyword == "RUN" && i.Arguments.Contains("dotnet restore", StringComparison.Ordinal));
        var sources = build.FindIndex(i => i.Keyword == "COPY" && i.Arguments == "src/ src/");

        Assert.True(restore > 0 && sources > restore, "dotnet restore must run before COPY src/ src/");
        Assert.All(build.Take(restore).Where(i => i.Keyword == "COPY"), copy =>
            Assert.Matches(@"(\.csproj|\.props|\.editorconfig|protos/) ", copy.Arguments + " "));
        var publishes = build.Where(i => i.Keyword == "RUN" && i.Arguments.Contains("dotnet publish", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, publishes.Count);
        Assert.All(publishes, p => Assert.Contains("--no-restore", p.Arguments, StringComparison.Ordinal));
        Assert.Contains(publishes, p => p.Arguments.Contains("ProfileHub.Server.csproj", StringComparison.Ordinal));
        Assert.Contains(publishes, p => p.Arguments.Contains("ProfileHub.Cli.csproj", StringComparison.Ordinal));
    }

    [Fact]
    public void Runtime_is_non_root_with_data_on_a_volume_ports_8080_and_9090_and_a_cli_healthcheck()
    {
        var runtime = Instructions.Where(i => i.Stage == 1).ToList();

        var user = Assert.Single(runtime, i => i.Keyword == "USER");
        Assert.DoesNotMatch(@"^(root|0)(:|$)", user.Arguments);
        Assert.Equal("$APP_UID", user.Arguments);
        Assert.Contains(runtime, i => i.Keyword == "VOLUME" && i.Arguments.Contains("/data", StringComparison.Ordinal));
        Assert.Equal("8080 9090", Assert.Single(runtime, i => i.Keyword == "EXPOSE").Arguments);
        var env = string.Join(' ', runtime.Where(i => i.Keyword == "ENV").Select(i => i.Arguments));
        Assert.Contains("ASPNETCORE_URLS=http://+:8080", env, StringComparison.Ordinal);
        Assert.Contains("Data Source=/data/", env, StringComparison.Ordinal);
        Assert.Contains("ProfileHub__Metrics__Port=9090", env, StringComparison.Ordinal);
        var health = Assert.Single(runtime, i => i.Keyword == "HEALTHCHECK");
        Assert.Matches(@"CMD \[""dotnet"", ""/app/cli/profilehub.dll"", ""health""", health.Arguments);
        Assert.True(runtime.FindIndex(i => i.Keyword == "USER") > runtime.FindIndex(i => i.Keyword == "RUN"), "USER comes after the root-only steps");
    }

    [Fact]
    public void Every_copied_path_exists_and_the_context_excludes_build_output()
    {
        foreach (var copy in Instructions.Where(i => i.Keyword == "COPY" && !i.Arguments.StartsWith("--from", StringComparison.Ordinal)))
        {
            var parts = copy.Arguments.Split(' ');
            foreach (var source in parts[..^1])
            {
                Assert.True(File.Exists(RepositoryRoot.Combine(source)) || Directory.Exists(RepositoryRoot.Combine(source)), $"line {copy.Line}: {source} does not exist");
            }
        }

        var ignore = File.ReadAllLines(RepositoryRoot.Combine(".dockerignore"));
        Assert.Contains("**/bin/", ignore);
        Assert.Contains("**/obj/", ignore);
    }

    /// <summary>
    /// Replays the build stage without a Docker engine: the COPY steps into a scratch context (minus bin/ and obj/,
    /// as .dockerignore says), then the stage's RUN commands verbatim with /app/ pointing into the scratch directory.
    /// </summary>
    [Fact]
    public async Task The_build_stage_restore_and_publish_commands_succeed_and_produce_what_the_runtime_stage_copies()
    {
        var scratch = Directory.CreateTempSubdirectory("profilehub-docker-").FullName;
        var workdir = Path.Combine(scratch, "src");
        var app = Path.Combine(scratch, "app") + "/";
        try
        {
            Directory.CreateDirectory(workdir);
            foreach (var step in Instructions.Where(i => i.Stage == 0 && i.Keyword is "COPY" or "RUN"))
            {
                if (step.Keyword == "COPY")
                {
                    var parts = step.Arguments.Split(' ');
                    foreach (var source in parts[..^1])
                    {
                        Copy(RepositoryRoot.Combine(source), Path.Combine(workdir, parts[^1]), source.EndsWith('/'));
                    }

                    continue;
                }

                var command = step.Arguments.Replace("/app/", app, StringComparison.Ordinal);
                var (exitCode, output) = await ShellAsync(command, workdir);
                Assert.True(exitCode == 0, $"line {step.Line}: {command}\n{output}");
            }

            foreach (var copy in Instructions.Where(i => i.Stage == 1 && i.Keyword == "COPY" && i.Arguments.StartsWith("--from=build", StringComparison.Ordinal)))
            {
                var source = copy.Arguments.Split(' ')[1].Replace("/app/", app, StringComparison.Ordinal);
                Assert.True(Directory.Exists(source) && Directory.EnumerateFiles(source).Any(), $"line {copy.Line}: {source} is empty");
            }

            Assert.True(File.Exists(Path.Combine(app, "server", "ProfileHub.Server.dll")));
            Assert.True(File.Exists(Path.Combine(app, "cli", "profilehub.dll")));
            var (helpExit, helpOutput) = await ShellAsync($"dotnet {Path.Combine(app, "cli", "profilehub.dll")} health --help", scratch);
            Assert.True(helpExit == 0, helpOutput);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    private static void Copy(string source, string destination, bool directory)
    {
        if (!directory)
        {
            var target = destination.EndsWith('/') || Directory.Exists(destination) ? Path.Combine(destination, Path.GetFileName(source)) : destination;
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target, overwrite: true);
            return;
        }

        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (BuildOutput().IsMatch(relative.Replace('\\', '/')))
            {
                continue;
            }

            var target = Path.Combine(destination, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    private static async Task<(int ExitCode, string Output)> ShellAsync(string command, string workingDirectory)
    {
        var start = new ProcessStartInfo("/bin/sh") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(15));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    [GeneratedRegex(@"(^|/)(bin|obj)/")]
    private static partial Regex BuildOutput();
}

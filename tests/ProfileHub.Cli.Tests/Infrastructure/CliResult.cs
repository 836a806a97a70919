namespace ProfileHub.Cli.Tests.Infrastructure;

/// <summary>What one <c>profilehub</c> run printed and returned.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

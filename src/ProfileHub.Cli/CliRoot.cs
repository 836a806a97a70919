using System.CommandLine;
using ProfileHub.Cli.Commands;

namespace ProfileHub.Cli;

/// <summary>The <c>profilehub</c> command tree.</summary>
internal static class CliRoot
{
    public static RootCommand Build()
    {
        var root = new RootCommand("ProfileHub command line: ingest records, look up profiles and stages, follow changes, read the funnel.\n" + ExitCodes.Help)
        {
            GlobalOptions.Address,
            GlobalOptions.Token,
            GlobalOptions.Output,
        };
        root.Subcommands.Add(IngestCommand.Create());
        root.Subcommands.Add(GetCommand.Create());
        root.Subcommands.Add(StageCommand.Create());
        root.Subcommands.Add(ExplainCommand.Create());
        root.Subcommands.Add(WatchCommand.Create());
        root.Subcommands.Add(ChangesCommand.Create());
        root.Subcommands.Add(FunnelCommand.Create());
        root.Subcommands.Add(HealthCommand.Create());
        return root;
    }
}

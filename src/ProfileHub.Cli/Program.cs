using ProfileHub.Cli;

return await CliRoot.Build().Parse(args).InvokeAsync();

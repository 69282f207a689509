using Verbatim.Cli;

return await VerbatimCli.RunAsync(args, CliContext.FromConsole()).ConfigureAwait(false);

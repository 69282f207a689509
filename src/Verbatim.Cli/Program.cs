using Verbatim.Cli;

return await VerbatimCli.RunProcessAsync(args, CliContext.FromConsole()).ConfigureAwait(false);

using System.CommandLine;
using System.Runtime.InteropServices;
using Verbatim.Cli.Output;

namespace Verbatim.Cli;

/// <summary>The whole CLI as one call: parse <paramref name="args"/>, run the command against <c>cli</c>, return the exit code.</summary>
public static class VerbatimCli
{
    /// <summary>
    /// Runs the CLI in this process. When <paramref name="cancellationToken"/> is cancelled the command stops,
    /// "verbatim: interrupted" goes to the error writer and the exit code is <see cref="ExitCodes.Interrupted"/>.
    /// </summary>
    public static Task<int> RunAsync(string[] args, CliContext cli, CancellationToken cancellationToken = default) =>
        RunAsync(args, cli, cancellationToken, () => ExitCodes.Interrupted);

    /// <summary>
    /// Runs the CLI as the process itself: the first SIGINT or SIGTERM cancels the command through its
    /// CancellationToken (later ones are absorbed while it unwinds), and the exit code is 130 or 143.
    /// </summary>
    public static async Task<int> RunProcessAsync(string[] args, CliContext cli)
    {
        using var interruption = new CancellationTokenSource();
        var exitCode = 0;

        void OnSignal(PosixSignalContext context)
        {
            // Never let the runtime terminate the process: the command unwinds, and removes its temporaries.
            context.Cancel = true;
            var code = context.Signal == PosixSignal.SIGTERM ? ExitCodes.Terminated : ExitCodes.Interrupted;
            if (Interlocked.CompareExchange(ref exitCode, code, 0) != 0)
            {
                return;
            }

            try
            {
                interruption.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The run has already finished.
            }
        }

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        return await RunAsync(args, cli, interruption.Token, () => Volatile.Read(ref exitCode)).ConfigureAwait(false);
    }

    private static async Task<int> RunAsync(string[] args, CliContext cli, CancellationToken cancellationToken, Func<int> interruptedExitCode)
    {
        ArgumentNullException.ThrowIfNull(cli);
        var root = new RootCommand("Verbatim: build hermetically, rebuild independently, and prove that the bits match.");
        foreach (var command in CommandCatalog.All(cli))
        {
            root.Subcommands.Add(command);
        }

        foreach (var version in root.Options.OfType<VersionOption>())
        {
            version.Action = new VersionAction(cli);
        }

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await cli.Error.WriteLineAsync($"verbatim: {error.Message}").ConfigureAwait(false);
            }

            await cli.Error.WriteLineAsync("Run 'verbatim --help' for usage.").ConfigureAwait(false);
            return ExitCodes.UsageOrInput;
        }

        // Signals are handled by RunProcessAsync; System.CommandLine's own termination handler would race it.
        var configuration = new InvocationConfiguration { Output = cli.Out, Error = cli.Error, ProcessTerminationTimeout = null };
        int result;
        try
        {
            result = await parsed.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            result = ExitCodes.Interrupted;
        }

        // A cancelled command may also have returned normally (System.CommandLine maps an escaping
        // OperationCanceledException to 1): once interrupted, the run says so whatever the command returned.
        if (cancellationToken.IsCancellationRequested)
        {
            await cli.Error.WriteLineAsync("verbatim: interrupted").ConfigureAwait(false);
            await cli.Error.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            return interruptedExitCode();
        }

        return result;
    }
}

namespace Verbatim.Build.Sandbox;

/// <summary>How a sandboxed step ended.</summary>
/// <param name="ExitCode">The exit status (128+N when killed by signal N).</param>
/// <param name="TimedOut">True when the wall-time limit killed it.</param>
/// <param name="OutputTail">The last lines the step printed.</param>
public sealed record StepOutcome(int ExitCode, bool TimedOut, TimeSpan Elapsed, string OutputTail)
{
    public bool Succeeded => ExitCode == 0 && !TimedOut;

    /// <summary>A short reading of the exit status.</summary>
    public string Describe() => TimedOut
        ? $"exceeded its time limit after {Elapsed.TotalSeconds:0.#} s and was killed"
        : ExitCode switch
        {
            0 => "succeeded",
            128 + 25 => "exceeded the output size limit (SIGXFSZ, exit 153)",
            128 + 9 => "was killed (SIGKILL, exit 137)",
            > 128 => $"was killed by signal {ExitCode - 128} (exit {ExitCode})",
            _ => $"failed with exit status {ExitCode}",
        };
}

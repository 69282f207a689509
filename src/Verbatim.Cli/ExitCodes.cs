namespace Verbatim.Cli;

/// <summary>The exit codes of every command (README, "Exit codes").</summary>
public static class ExitCodes
{
    /// <summary>Success: identical, reproducible, verified.</summary>
    public const int Ok = 0;

    /// <summary>Differences found, not reproducible, verification failed.</summary>
    public const int Different = 1;

    /// <summary>Usage error, or an input that cannot be read.</summary>
    public const int UsageOrInput = 2;

    /// <summary>Interrupted by SIGINT (128 + 2, as a shell reports it); nothing half-written is left behind.</summary>
    public const int Interrupted = 130;

    /// <summary>Terminated by SIGTERM (128 + 15); nothing half-written is left behind.</summary>
    public const int Terminated = 143;
}

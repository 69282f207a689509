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
}

namespace Verbatim.Build.Recipes;

/// <summary>Limits each step runs under: wall time, processes (RLIMIT_NPROC) and output size (RLIMIT_FSIZE and the workspace's total).</summary>
public sealed record BuildLimits(TimeSpan StepTimeout, int Processes, long OutputBytes)
{
    public static BuildLimits Default { get; } = new(TimeSpan.FromMinutes(30), 4096, 4L << 30);
}

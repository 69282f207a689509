namespace Verbatim.Formats.Engine;

/// <summary>The limits and filters of a comparison. Defaults are documented in docs/diff.md.</summary>
public sealed record DiffOptions
{
    /// <summary>How deep containers are opened; deeper members are compared as bytes.</summary>
    public int MaxDepth { get; init; } = 32;

    /// <summary>The largest size one member may expand to.</summary>
    public long MaxMemberBytes { get; init; } = 8L << 30;

    /// <summary>The total number of bytes the whole run may decompress, at every depth together (guards against bombs).</summary>
    public long MaxExpansionBytes { get; init; } = 64L << 30;

    /// <summary>
    /// The run may also decompress at most this many times the size of its inputs (the two files, or the files of
    /// the two trees), and never less than <see cref="MinExpansionBytes"/>; 0 turns the proportionate limit off.
    /// </summary>
    public double MaxExpansionRatio { get; init; } = 100;

    /// <summary>The proportionate expansion limit is never below this.</summary>
    public long MinExpansionBytes { get; init; } = 1L << 30;

    /// <summary>The largest compressed-to-expanded ratio accepted for a member larger than 1 MiB.</summary>
    public double MaxCompressionRatio { get; init; } = 1000;

    /// <summary>How long the comparison of one member may take before it is reported and compared as bytes.</summary>
    public TimeSpan MemberTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How many bytes of spooled members may be held in memory at once.</summary>
    public long MemoryBudgetBytes { get; init; } = 128L << 20;

    /// <summary>Stop adding details to the report once its text passes this many bytes.</summary>
    public long MaxReportBytes { get; init; } = 40L << 20;

    /// <summary>Member paths matching any of these globs are skipped.</summary>
    public IReadOnlyList<string> Excludes { get; init; } = [];

    /// <summary>How many member pairs are compared at once.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;
}

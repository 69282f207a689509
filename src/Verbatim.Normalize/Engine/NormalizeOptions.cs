namespace Verbatim.Normalize.Engine;

/// <summary>The settings of one normalization run.</summary>
public sealed record NormalizeOptions
{
    /// <summary>The reference time (Unix seconds, e.g. SOURCE_DATE_EPOCH): later timestamps are clamped to it.</summary>
    public required long ReferenceTime { get; init; }

    /// <summary>How deep nested containers (a tar inside gzip inside ar) are opened.</summary>
    public int MaxDepth { get; init; } = 8;

    /// <summary>Bytes held in memory at once for decompressed members; the rest goes to temporary files.</summary>
    public long MemoryBudgetBytes { get; init; } = 512L << 20;

    /// <summary>The largest size one member may expand to.</summary>
    public long MaxMemberBytes { get; init; } = 16L << 30;

    /// <summary>The total bytes one file's normalization may decompress.</summary>
    public long MaxExpansionBytes { get; init; } = 64L << 30;
}

namespace Verbatim.Normalize.Engine;

/// <summary>The settings of one normalization run.</summary>
public sealed record NormalizeOptions
{
    /// <summary>The reference time (Unix seconds, e.g. SOURCE_DATE_EPOCH): later timestamps are clamped to it.</summary>
    public required long ReferenceTime { get; init; }

    /// <summary>Set every time to the reference time instead of clamping (only lowering times later than it).</summary>
    public bool SetTimes { get; init; }

    /// <summary>The ids of the normalizations to apply (see <see cref="Normalizations"/>).</summary>
    public IReadOnlySet<string> Selected { get; init; } = Normalizations.Defaults;

    /// <summary>How deep nested containers (a tar inside gzip inside ar) are opened.</summary>
    public int MaxDepth { get; init; } = 8;

    /// <summary>Bytes held in memory at once for decompressed members; the rest goes to temporary files.</summary>
    public long MemoryBudgetBytes { get; init; } = 512L << 20;

    /// <summary>The largest size one member may expand to.</summary>
    public long MaxMemberBytes { get; init; } = 16L << 30;

    /// <summary>The total bytes one file's normalization may decompress.</summary>
    public long MaxExpansionBytes { get; init; } = 64L << 30;

    /// <summary>
    /// The largest expanded-to-compressed ratio accepted, as in <c>verbatim diff</c>: for each decompressed stream or
    /// deflate zip entry (checked as it expands, against the compressed bytes read so far), and for the whole file,
    /// each beyond <see cref="MinExpansionBytes"/>, so a small input cannot expand without bound.
    /// </summary>
    public double MaxCompressionRatio { get; init; } = 1000;

    /// <summary>What a stream, and a whole file, may always expand to, whatever its ratio (the ratio applies beyond it).</summary>
    public long MinExpansionBytes { get; init; } = 64L << 20;

    /// <summary>The total bytes the normalization of a file of <paramref name="length"/> bytes may decompress.</summary>
    public long ExpansionLimit(long length) =>
        (long)Math.Min(MaxExpansionBytes, Math.Max(MinExpansionBytes, MaxCompressionRatio * Math.Max(1, length)));
}

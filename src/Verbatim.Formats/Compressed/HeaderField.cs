using Verbatim.Core.Model;

namespace Verbatim.Formats.Compressed;

/// <summary>
/// One readable field of a compressed container's header (gzip mtime, xz check, zstd window size…) with the cause a
/// difference in it points to and, when the generic wording would not do, the explanation.
/// </summary>
/// <param name="Name">The field's name as shown in the report.</param>
/// <param name="Value">The value, decoded (dates, names, levels).</param>
/// <param name="Cause">What a difference in this field means, when known.</param>
/// <param name="Explanation">The cause's explanation; null for the generic one.</param>
public sealed record HeaderField(string Name, string Value, CauseKind? Cause = null, string? Explanation = null)
{
    /// <summary>A compressor setting: when the decompressed contents are identical it is folded into "compressed stream".</summary>
    public bool IsCompressionSetting => Cause == CauseKind.Compression;
}

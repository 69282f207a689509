namespace Verbatim.Core.Model;

/// <summary>A run of bytes that differs between two inputs, shown as hex (truncated to a bounded length).</summary>
/// <param name="Offset">Offset of the first differing byte.</param>
/// <param name="Length1">Length of the run on the first side.</param>
/// <param name="Length2">Length of the run on the second side.</param>
/// <param name="Hex1">The first side's bytes as lower-case hex, at most <see cref="MaxShownBytes"/> bytes.</param>
/// <param name="Hex2">The second side's bytes as lower-case hex.</param>
public sealed record HexRange(long Offset, long Length1, long Length2, string Hex1, string Hex2)
{
    public const int MaxShownBytes = 64;
}

namespace Verbatim.Core.Model;

/// <summary>
/// One immutable node of the difference tree. Formats build it; renderers (text, JSON, HTML) only walk it.
/// </summary>
public sealed record Difference
{
    /// <summary>Where the compared thing sits on the first side, e.g. <c>a.deb/data.tar.xz/./usr/bin/hello</c>.</summary>
    public required string Path1 { get; init; }

    /// <summary>Where the compared thing sits on the second side.</summary>
    public required string Path2 { get; init; }

    public required DifferenceKind Kind { get; init; }

    /// <summary>The format the comparison was made in (<c>zip</c>, <c>elf</c>, <c>text</c> …), when known.</summary>
    public string? Format { get; init; }

    /// <summary>For <see cref="DifferenceKind.Field"/>: the field's name, e.g. <c>mtime</c> or <c>section .text</c>.</summary>
    public string? Field { get; init; }

    /// <summary>For fields: the value on the first side, already readable (dates decoded, modes in octal).</summary>
    public string? Left { get; init; }

    /// <summary>For fields: the value on the second side.</summary>
    public string? Right { get; init; }

    /// <summary>For <see cref="DifferenceKind.Text"/>: a unified diff (without the ---/+++ header lines).</summary>
    public string? UnifiedDiff { get; init; }

    /// <summary>For <see cref="DifferenceKind.Binary"/>: the differing byte ranges.</summary>
    public IReadOnlyList<HexRange> HexRanges { get; init; } = [];

    /// <summary>Remarks about the comparison, e.g. why a member could not be read and was compared as bytes.</summary>
    public IReadOnlyList<string> Comments { get; init; } = [];

    /// <summary>Likely causes of this difference, most specific first.</summary>
    public IReadOnlyList<Cause> Causes { get; init; } = [];

    public IReadOnlyList<Difference> Children { get; init; } = [];

    public static Difference ForField(string path1, string path2, string field, string? left, string? right, params Cause[] causes) => new()
    {
        Path1 = path1,
        Path2 = path2,
        Kind = DifferenceKind.Field,
        Field = field,
        Left = left,
        Right = right,
        Causes = causes,
    };
}

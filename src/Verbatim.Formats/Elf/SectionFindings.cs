namespace Verbatim.Formats.Elf;

/// <summary>
/// What the comparison of sections learned for the file-level "why": the build-ids on both sides, the compiler
/// identifications that differ, and whether any section other than the build-id note (or things derived from it) differs.
/// </summary>
internal sealed class SectionFindings
{
    public (string Left, string Right)? BuildIds { get; set; }

    /// <summary>Differing compiler identifications (from <c>.comment</c> or DW_AT_producer), first one found.</summary>
    public (string Left, string Right, string Where)? Toolchain { get; set; }

    /// <summary>Whether anything other than the build-id (and what derives from it) differs.</summary>
    public bool OtherDifferences { get; set; }
}

namespace Verbatim.Formats.Zip;

/// <summary>An Office Open XML document (docx, xlsx, pptx…): <c>[Content_Types].xml</c> plus an Office name or part.</summary>
public sealed class OoxmlFormat : ZipFamilyFormat
{
    private static readonly string[] OfficeExtensions =
        [".docx", ".docm", ".dotx", ".dotm", ".xlsx", ".xlsm", ".xltx", ".xltm", ".pptx", ".pptm", ".potx", ".potm", ".ppsx", ".vsdx"];

    public override string Name => "ooxml";

    public override bool MatchesContent(ZipProbe probe) =>
        probe.Names.Contains("[Content_Types].xml") &&
        (OfficeExtensions.Contains(probe.Extension) ||
         probe.Names.Any(n => n.StartsWith("word/", StringComparison.Ordinal) || n.StartsWith("xl/", StringComparison.Ordinal) || n.StartsWith("ppt/", StringComparison.Ordinal)));
}

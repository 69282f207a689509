namespace Verbatim.Formats.Zip;

/// <summary>An OpenDocument file (odt, ods, odp…): a zip whose first entry is a stored file named <c>mimetype</c>.</summary>
public sealed class OdfFormat : ZipFamilyFormat
{
    public override string Name => "odf";

    public override bool MatchesContent(ZipProbe probe) =>
        probe.LeadingEntries.Count > 0 && probe.LeadingEntries[0] is ("mimetype", 0);
}

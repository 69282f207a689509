namespace Verbatim.Formats.Zip;

/// <summary>An Android package: a zip named .apk, or holding <c>AndroidManifest.xml</c> and <c>classes.dex</c>.</summary>
public sealed class ApkFormat : ZipFamilyFormat
{
    public override string Name => "apk";

    public override IReadOnlyList<string> Extensions => [".apk"];

    public override bool MatchesContent(ZipProbe probe) =>
        probe.Names.Contains("AndroidManifest.xml") && probe.Names.Contains("classes.dex");
}

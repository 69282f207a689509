namespace Verbatim.Formats.Zip;

/// <summary>A plain zip archive: any zip that no more specific member of the family claims.</summary>
public sealed class ZipFormat : ZipFamilyFormat
{
    public const string FormatName = "zip";

    public override string Name => FormatName;
}

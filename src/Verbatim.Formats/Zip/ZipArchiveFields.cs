using System.Globalization;
using Verbatim.Archives.Zip;
using Verbatim.Core.IO;
using Verbatim.Core.Model;
using Verbatim.Formats.Engine;
using Verbatim.Formats.Members;

namespace Verbatim.Formats.Zip;

/// <summary>
/// Compares what a zip says about itself as a whole: its comment, entry count, zip64 records, and the bytes before
/// the first entry (a self-extractor or launcher stub, compared as a member) and after the end record.
/// </summary>
internal static class ZipArchiveFields
{
    public const string Prefix = "(data before the first entry)";
    public const string Trailer = "(data after the end record)";
    public const string BeforeDirectory = "(data before the central directory)";

    public static async Task<List<Difference>> CompareAsync(Input left, ZipDirectory a, Input right, ZipDirectory b, ComparisonContext context)
    {
        var endA = ZipDataEnd.Of(left.Content, a);
        var endB = ZipDataEnd.Of(right.Content, b);
        var differences = FieldCauses.Compare(left.Path, right.Path, Fields(a, left.Length, endA), Fields(b, right.Length, endB));
        await AddRegion(Prefix, 0, a.FirstEntryStart, 0, b.FirstEntryStart).ConfigureAwait(false);
        await AddRegion(BeforeDirectory, endA, a.CentralDirectoryStart - endA, endB, b.CentralDirectoryStart - endB).ConfigureAwait(false);
        await AddRegion(Trailer, a.TrailerStart, left.Length - a.TrailerStart, b.TrailerStart, right.Length - b.TrailerStart).ConfigureAwait(false);
        return differences;

        async Task AddRegion(string name, long startA, long lengthA, long startB, long lengthB)
        {
            if (lengthA == 0 || lengthB == 0)
            {
                return;
            }

            var regionA = new SliceContent(left.Content, startA, lengthA);
            var regionB = new SliceContent(right.Content, startB, lengthB);
            var found = await context.CompareAsync(left.Member(name, regionA), right.Member(name, regionB)).ConfigureAwait(false);
            if (found is not null)
            {
                differences.Add(found);
            }
        }
    }

    private static List<MemberField> Fields(ZipDirectory directory, long length, long dataEnd)
    {
        var fields = new List<MemberField>
        {
            new("entries", directory.Entries.Count.ToString(CultureInfo.InvariantCulture)),
            new("zip64", directory.Zip64 ? "yes" : "no", CauseKind.ToolchainVersion),
            new("archive comment", directory.RawComment.Length == 0 ? "(none)" : ZipText.Comment(directory.RawComment, false)),
            new("data before the first entry", Bytes(directory.FirstEntryStart)),
            new("data after the end record", Bytes(length - directory.TrailerStart)),
            new("data before the central directory", Bytes(directory.CentralDirectoryStart - dataEnd)),
        };
        var gap = directory.RecordsStart - (directory.CentralDirectoryStart + directory.CentralDirectorySize);
        if (gap != 0)
        {
            fields.Add(new MemberField("data between the central directory and the end records", Bytes(gap)));
        }

        if (directory.Overlaps.Count > 0)
        {
            fields.Add(new MemberField("overlapping entries", $"{directory.Overlaps.Count} entries share bytes with another entry (not expanded)"));
        }

        return fields;
    }

    private static string Bytes(long count) => count == 0 ? "none" : $"{count} bytes";
}

using Verbatim.Archives.Zip;
using Verbatim.Core.IO;
using Verbatim.Core.Model;
using Verbatim.Formats.Engine;
using Verbatim.Formats.Members;

namespace Verbatim.Formats.Zip;

/// <summary>
/// The comparison shared by the whole zip family: the archive's own fields, then its entries through
/// <see cref="MemberComparer"/> (fields, contents, added/removed, order), with the family member's own explanations.
/// </summary>
public static class ZipComparer
{
    public static async Task<IReadOnlyList<Difference>> CompareAsync(Input left, Input right, ComparisonContext context, ZipFamilyFormat format)
    {
        var a = ReadDirectory(left, context);
        var b = ReadDirectory(right, context);
        var differences = await ZipArchiveFields.CompareAsync(left, a, right, b, context).ConfigureAwait(false);
        var members = await MemberComparer.CompareAsync(
            left.Path,
            right.Path,
            format.Adjust(ZipMemberReader.Read(a, left.Content, context)),
            format.Adjust(ZipMemberReader.Read(b, right.Content, context)),
            context).ConfigureAwait(false);
        differences.AddRange(format.Explain(left.Path, members));
        return differences;
    }

    /// <summary>Reads an input's end records and central directory (once: recognition may have read them); a problem names the side.</summary>
    public static ZipDirectory ReadDirectory(Input input, ComparisonContext context)
    {
        try
        {
            return ZipFamily.Probe(input).Directory(context.CancellationToken);
        }
        catch (MalformedInputException e)
        {
            throw new MalformedInputException($"{input.Path}: {e.Message}", e);
        }
    }
}

using Verbatim.Archives.Zip;
using Verbatim.Core.IO;
using static Verbatim.Archives.Zip.ZipBytes;
using static Verbatim.Archives.Zip.ZipDirectoryReader;

namespace Verbatim.Formats.Zip;

/// <summary>
/// Finds where the last entry's data (and its data descriptor) ends, so that bytes between it and the central
/// directory (an APK Signing Block, padding, leftovers of an update) can be compared rather than ignored.
/// </summary>
internal static class ZipDataEnd
{
    private const uint DescriptorSignature = 0x08074b50;

    /// <summary>The end of the last entry, or the central directory's start when it cannot be told.</summary>
    public static long Of(IContent content, ZipDirectory directory)
    {
        if (directory.Entries.Count == 0)
        {
            return directory.FirstEntryStart;
        }

        var last = directory.Entries.MaxBy(e => e.LocalHeaderOffset)!;
        try
        {
            using var stream = content.Open();
            var local = ZipLocalHeader.Read(stream, last.LocalHeaderOffset + directory.Bias, last.CompressedSize, directory.CentralDirectoryStart, out _);
            if (local is null)
            {
                return directory.CentralDirectoryStart;
            }

            var end = local.DataStart + last.CompressedSize;
            if ((last.Flags & 8) != 0)
            {
                var wide = local.CompressedSize == uint.MaxValue || local.UncompressedSize == uint.MaxValue || directory.Zip64;
                var signed = false;
                if (end + 4 <= directory.CentralDirectoryStart)
                {
                    var signature = new byte[4];
                    ReadAt(stream, end, signature);
                    signed = U32(signature, 0) == DescriptorSignature;
                }

                var size = (signed ? 4 : 0) + 4 + (wide ? 16 : 8);
                end = end + size <= directory.CentralDirectoryStart ? end + size : end;
            }

            return Math.Min(end, directory.CentralDirectoryStart);
        }
        catch (MalformedInputException)
        {
            return directory.CentralDirectoryStart;
        }
    }
}

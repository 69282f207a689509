using static Verbatim.Archives.Zip.ZipBytes;
using static Verbatim.Archives.Zip.ZipDirectoryReader;

namespace Verbatim.Archives.Zip;

/// <summary>Splits a zip extra field into its (id, data) blocks; a block that runs past the end ends the list.</summary>
public static class ZipExtraBlocks
{
    public static List<(ushort Id, byte[] Data)> Split(ReadOnlySpan<byte> extra) => Split(extra, out _);

    /// <param name="extra">The whole extra field.</param>
    /// <param name="stray">How many bytes at the end do not form a complete block.</param>
    public static List<(ushort Id, byte[] Data)> Split(ReadOnlySpan<byte> extra, out int stray)
    {
        var blocks = new List<(ushort, byte[])>();
        var at = 0;
        while (at + 4 <= extra.Length)
        {
            var id = U16(extra, at);
            var size = U16(extra, at + 2);
            if (at + 4 + size > extra.Length)
            {
                break;
            }

            blocks.Add((id, extra.Slice(at + 4, size).ToArray()));
            at += 4 + size;
        }

        stray = extra.Length - at;
        return blocks;
    }
}

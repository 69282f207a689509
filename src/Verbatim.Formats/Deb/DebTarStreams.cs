using Verbatim.Archives.Ar;
using Verbatim.Core.Compression;
using Verbatim.Core.IO;
using Verbatim.Formats.Ar;

namespace Verbatim.Formats.Deb;

/// <summary>Finds a tar member of a .deb (<c>control.tar.*</c>, <c>data.tar.*</c>) and opens it decompressed, forward-only.</summary>
internal static class DebTarStreams
{
    /// <summary>The decompressed tar of the first ar member whose name starts with <paramref name="prefix"/>, or null when absent.
    /// Throws <see cref="NotSupportedException"/> when its compression cannot be read yet.</summary>
    public static Stream? Open(IContent deb, string prefix, long limit, CancellationToken cancellationToken)
    {
        ArEntry? found = null;
        using (var scan = deb.Open())
        {
            found = new ArReader(scan).Entries(cancellationToken).FirstOrDefault(e => e.Name.StartsWith(prefix, StringComparison.Ordinal));
        }

        if (found is null)
        {
            return null;
        }

        var slice = new SliceContent(deb, found.DataOffset, found.Size);
        var head = new byte[(int)Math.Min(16, found.Size)];
        using (var peek = slice.Open())
        {
            peek.ReadExactly(head);
        }

        var compressed = slice.Open();
        var format = Decompressors.Detect(head);
        try
        {
            return new ExpansionLimitStream(format is null ? compressed : Decompressors.Open(format, compressed), limit, $"{found.Name} expands past {limit} bytes");
        }
        catch
        {
            compressed.Dispose();
            throw;
        }
    }
}

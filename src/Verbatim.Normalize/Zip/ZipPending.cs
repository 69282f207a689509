using Verbatim.Archives.Zip;
using Verbatim.Core.IO;

namespace Verbatim.Normalize.Zip;

/// <summary>An entry on its way to the normalized zip: its source, its (possibly new) name, and its new uncompressed contents when they changed.</summary>
internal sealed class ZipPending(ZipEntry source)
{
    public ZipEntry Source { get; } = source;

    public byte[] Name { get; set; } = source.Central.RawName;

    public string DisplayName { get; set; } = source.Name;

    /// <summary>The new uncompressed contents, or null while the entry's data is kept as it is.</summary>
    public IContent? Replacement { get; set; }

    /// <summary>Reads the entry's original uncompressed contents.</summary>
    public required Func<byte[]> ReadAllOriginal { get; init; }

    /// <summary>The current uncompressed contents as bytes (for small metadata entries).</summary>
    public byte[] ReadAll()
    {
        if (Replacement is null)
        {
            return ReadAllOriginal();
        }

        using var stream = Replacement.Open();
        var bytes = new byte[Replacement.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}

namespace Verbatim.Archives.Zip;

/// <summary>
/// One entry of a zip as both its records describe it: the central directory's (sizes, attributes, comment) and the
/// local header's that precedes its data (its own extra field, and where the data starts).
/// </summary>
public sealed record ZipEntry(ZipCentralEntry Central, ZipLocalHeader Local)
{
    /// <summary>The safe display name (see <see cref="ZipText.Name"/>).</summary>
    public string Name => Central.Name;

    /// <summary>Where the entry's compressed data starts in the archive.</summary>
    public long DataStart => Local.DataStart;

    /// <summary>Reads the local header of each entry of <paramref name="directory"/>; a missing or misplaced one is malformed input.</summary>
    public static IEnumerable<ZipEntry> ReadAll(Stream stream, ZipDirectory directory, CancellationToken cancellationToken = default)
    {
        foreach (var central in directory.Entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var local = ZipLocalHeader.Read(stream, central.LocalHeaderOffset + directory.Bias, central.CompressedSize, directory.CentralDirectoryStart, out var problem)
                ?? throw new Core.IO.MalformedInputException($"{central.Name}: {problem}");
            yield return new ZipEntry(central, local);
        }
    }
}

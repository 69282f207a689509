namespace Verbatim.Core.IO;

/// <summary>A regular file on disk, read in place.</summary>
public sealed class FileContent(string path, long length) : IContent
{
    public string Path { get; } = path;

    public long Length { get; } = length;

    public static FileContent Of(string path) => new(path, new FileInfo(path).Length);

    public Stream Open() => new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
}

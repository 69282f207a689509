using Microsoft.Win32.SafeHandles;
using Verbatim.Core.Native;

namespace Verbatim.Core.IO;

/// <summary>
/// A regular file on disk, read in place. <see cref="Path"/> is for display; the file is opened by its raw bytes when
/// they are given, so names that are not UTF-8 can be read too.
/// </summary>
public sealed class FileContent(string path, long length, byte[]? rawPath = null) : IContent
{
    public string Path { get; } = path;

    public long Length { get; } = length;

    /// <summary>The file at <paramref name="path"/> (links followed), with the size of what it holds per stat.</summary>
    public static FileContent Of(string path)
    {
        var raw = RawPath.Of(path);
        return FileStatus.Of(raw, follow: true) is { } status ? new(path, status.Size, raw) : new(path, new FileInfo(path).Length);
    }

    /// <summary>Opens the file as a handle for positional reads; the caller disposes it.</summary>
    public SafeFileHandle OpenHandle() => rawPath is not null && Posix.IsAvailable
        ? Posix.Open(rawPath)
        : File.OpenHandle(Path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess);

    public Stream Open()
    {
        if (rawPath is not null && Posix.IsAvailable)
        {
            var handle = Posix.Open(rawPath);
            return new BufferedStream(new OwningHandleStream(handle, Length), 1 << 16);
        }

        return new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
    }
}

using Microsoft.Win32.SafeHandles;

namespace Verbatim.Core.IO;

/// <summary>
/// A window of a file already open as a handle, read with positional reads: any number of slices (archive members)
/// share the one handle without opening the file again or buffering around each read. The handle's owner must keep
/// it open while the slices are in use.
/// </summary>
public sealed class HandleSliceContent(SafeFileHandle handle, long offset, long length) : IContent
{
    public long Length { get; } = length;

    public Stream Open() => new SubStream(new HandleStream(handle, offset + Length), offset, Length, ownsInner: true);
}

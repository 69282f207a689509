using Microsoft.Win32.SafeHandles;

namespace Verbatim.Core.IO;

/// <summary>
/// An archive opened for reading its headers and handing out its members as slices. A file on disk is opened once as
/// a handle: headers are read unbuffered and members are <see cref="HandleSliceContent"/>s of that handle, so
/// tens of thousands of members cost no file opens and no read-ahead. Other contents use <see cref="SliceContent"/>.
/// Members must not be used after the source is disposed.
/// </summary>
public sealed class ArchiveSource : IDisposable
{
    private readonly IContent content;
    private readonly SafeFileHandle? handle;

    public ArchiveSource(IContent content)
    {
        this.content = content;
        if (content is FileContent file)
        {
            handle = file.OpenHandle();
            Headers = new HandleStream(handle, file.Length);
        }
        else
        {
            Headers = content.Open();
        }
    }

    /// <summary>A seekable stream over the whole archive, for reading headers.</summary>
    public Stream Headers { get; }

    public IContent Slice(long offset, long length) =>
        handle is not null ? new HandleSliceContent(handle, offset, length) : new SliceContent(content, offset, length);

    public void Dispose()
    {
        Headers.Dispose();
        handle?.Dispose();
    }
}

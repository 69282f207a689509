namespace Verbatim.Core.IO;

/// <summary>A window of another content (a stored member of an uncompressed archive), read without copying.</summary>
public sealed class SliceContent(IContent parent, long offset, long length) : IContent
{
    public long Length { get; } = length;

    public Stream Open() => new SubStream(parent.Open(), offset, Length, ownsInner: true);
}

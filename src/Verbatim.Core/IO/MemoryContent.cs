namespace Verbatim.Core.IO;

/// <summary>Bytes held in memory.</summary>
public sealed class MemoryContent(ReadOnlyMemory<byte> bytes) : IContent
{
    public ReadOnlyMemory<byte> Bytes { get; } = bytes;

    public long Length => Bytes.Length;

    public Stream Open() => new ReadOnlyMemoryStream(Bytes);
}

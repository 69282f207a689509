using Verbatim.Archives;
using Verbatim.Core.IO;

namespace Verbatim.Formats.Zip;

/// <summary>
/// A read-only pass-through that computes the CRC-32 and counts the bytes read from an entry's decoded data, so
/// the reader can check them against the central directory without a second pass.
/// </summary>
internal sealed class CheckedStream(Stream inner) : PassThroughReadStream(inner)
{
    public uint Crc { get; private set; }

    /// <summary>Whether the data goes on past what was read (one byte is read to find out, not counted).</summary>
    public bool HasMore()
    {
        Span<byte> one = stackalloc byte[1];
        return Inner.Read(one) > 0;
    }

    protected override void OnRead(ReadOnlySpan<byte> data) => Crc = Crc32.Append(Crc, data);
}

using Verbatim.Archives.Zip;
using Verbatim.Core.Compression;
using Verbatim.Core.IO;

namespace Verbatim.Normalize.Zip;

/// <summary>
/// The decoded data of a deflate entry read through zlib's gzip decoder (see <see cref="ZipEntryCheck"/>): its
/// errors are told in the entry's terms (the CRC-32 and size the central directory records, a stream cut short).
/// </summary>
internal sealed class DeflateEntryStream(GzipDecoderStream decoder, ZipEntry entry) : ForwardReadStream
{
    public override int Read(Span<byte> buffer)
    {
        try
        {
            return decoder.Read(buffer);
        }
        catch (MalformedInputException e)
        {
            throw new MalformedInputException(Reason(e.Message), e);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            decoder.Dispose();
        }

        base.Dispose(disposing);
    }

    private string Reason(string zlib)
    {
        var detail = zlib.StartsWith("gzip: ", StringComparison.Ordinal) ? zlib["gzip: ".Length..] : zlib;
        if (zlib.Contains("incorrect data check", StringComparison.Ordinal))
        {
            return $"{entry.Name}: CRC-32 mismatch: the data does not match the recorded {entry.Central.Crc32:x8}";
        }

        if (zlib.Contains("incorrect length check", StringComparison.Ordinal))
        {
            return $"{entry.Name}: the data's size does not match the recorded {entry.Central.UncompressedSize} bytes";
        }

        return zlib.Contains("truncated", StringComparison.Ordinal)
            ? $"{entry.Name}: truncated deflate data (the stream ends before its last block)"
            : $"{entry.Name}: corrupt deflate data ({detail})";
    }
}

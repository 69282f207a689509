using Verbatim.Core.Compression;
using Verbatim.Core.IO;
using Verbatim.Normalize.Engine;

namespace Verbatim.Normalize.Compressed;

/// <summary>
/// Decompresses a whole input with the shared decoders (which check each format's own CRCs and lengths) into a spool,
/// within the run's expansion limits; for gzip it also tells how many members the stream had.
/// </summary>
internal static class Decompression
{
    public static Spool ToSpool(string format, IContent input, NormalizeContext context) => ToSpool(format, input, context, out _);

    public static Spool ToSpool(string format, IContent input, NormalizeContext context, out int members)
    {
        try
        {
            var decoded = Decompressors.Open(format, input.Open());
            using var guarded = decoded is DecoderStream decoder ? context.RatioGuarded(decoder, () => decoder.CompressedBytesConsumed, $"the {format} stream") : decoded;
            var spool = context.SpoolFrom(guarded);
            members = decoded is GzipDecoderStream gzip ? gzip.Members : 1;
            return spool;
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or IOException)
        {
            throw new MalformedInputException($"corrupt {format} data: {e.Message}", e);
        }
    }
}

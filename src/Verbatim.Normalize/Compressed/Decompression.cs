using Verbatim.Core.Compression;
using Verbatim.Core.IO;
using Verbatim.Normalize.Engine;

namespace Verbatim.Normalize.Compressed;

/// <summary>Decompresses a whole input with the shared decoders (which check each format's own CRCs and lengths) into a spool.</summary>
internal static class Decompression
{
    public static Spool ToSpool(string format, IContent input, NormalizeContext context)
    {
        try
        {
            using var decoded = Decompressors.Open(format, input.Open());
            return context.SpoolFrom(decoded);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or IOException)
        {
            throw new MalformedInputException($"corrupt {format} data: {e.Message}", e);
        }
    }
}

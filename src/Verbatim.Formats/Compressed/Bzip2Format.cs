using System.Globalization;
using Verbatim.Core.Compression;
using Verbatim.Core.Model;
using Verbatim.Formats.Engine;

namespace Verbatim.Formats.Compressed;

/// <summary>bzip2 files: the block size (the compression level), the number of streams, then the decompressed contents.</summary>
public sealed class Bzip2Format : CompressedFormat
{
    public override string Name => "bzip2";

    public override CompressedHeader ReadHeader(Input input, CancellationToken cancellationToken)
    {
        var level = input.Head[3] - '0';
        return new CompressedHeader([new HeaderField("block size", $"{level}00 kB (bzip2 -{level})", CauseKind.Compression)], 4);
    }

    public override DecoderStream OpenDecoder(Stream compressed) => new Bzip2DecoderStream(compressed);

    public override IEnumerable<HeaderField> FieldsAfterDecoding(DecoderStream decoder)
    {
        var streams = ((Bzip2DecoderStream)decoder).Streams;
        yield return new HeaderField("streams", streams.ToString(CultureInfo.InvariantCulture), CauseKind.Compression);
    }
}

using Verbatim.Core.Compression;
using Verbatim.Formats.Engine;

namespace Verbatim.Formats.Compressed;

/// <summary>Zstandard files: the first frame's header, the number of frames, then the decompressed contents.</summary>
public sealed class ZstdFormat : CompressedFormat
{
    public override string Name => "zstd";

    public override CompressedHeader ReadHeader(Input input, CancellationToken cancellationToken) => ZstdHeaderReader.Read(input, cancellationToken);

    public override DecoderStream OpenDecoder(Stream compressed) => new ZstdDecoderStream(compressed);
}

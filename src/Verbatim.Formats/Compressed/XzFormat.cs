using Verbatim.Core.Compression;
using Verbatim.Formats.Engine;

namespace Verbatim.Formats.Compressed;

/// <summary>.xz files: check type, filters, streams and blocks, then the decompressed contents.</summary>
public sealed class XzFormat : CompressedFormat
{
    public override string Name => "xz";

    public override CompressedHeader ReadHeader(Input input, CancellationToken cancellationToken) => XzHeaderReader.Read(input, cancellationToken);

    public override DecoderStream OpenDecoder(Stream compressed) => new XzDecoderStream(compressed);
}

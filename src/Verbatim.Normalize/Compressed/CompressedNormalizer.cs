using Verbatim.Core.Compression;
using Verbatim.Core.IO;
using Verbatim.Normalize.Engine;

namespace Verbatim.Normalize.Compressed;

/// <summary>
/// xz, zstd and bzip2 streams: the decompressed contents normalized through the registry (a tar inside) and
/// compressed again with fixed settings (xz preset 6 with a CRC-64 check, zstd level 9 with a checksum, bzip2 with
/// 900 kB blocks), so the output depends only on the contents.
/// </summary>
internal sealed class CompressedNormalizer(string format) : INormalizer
{
    public string Name => format;

    public bool Recognizes(NormalizeInput input) => Decompressors.Detect(input.Head) == format;

    public IReadOnlyList<Change> Normalize(IContent input, Stream output, NormalizeContext context)
    {
        using var inner = Decompression.ToSpool(format, input, context);
        var (content, changes, owner) = context.NormalizeMemberToContent(inner, "");
        using (owner)
        {
            using var encoder = Encoder(output);
            using (var source = content.Open())
            {
                source.CopyTo(encoder);
            }

            encoder.Finish();
            return changes;
        }
    }

    private EncoderStream Encoder(Stream output) => format switch
    {
        "xz" => new XzEncoderStream(output, preset: 6, check: XzCheck.Crc64, leaveOpen: true),
        "zstd" => new ZstdEncoderStream(output, level: 9, checksum: true, leaveOpen: true),
        "bzip2" => new Bzip2EncoderStream(output, blockSize: 9, leaveOpen: true),
        _ => throw new UnsupportedInputException($"no encoder for {format}"),
    };
}

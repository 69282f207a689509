using Verbatim.Core.Compression;
using Verbatim.Core.IO;
using Verbatim.Normalize.Engine;

namespace Verbatim.Normalize.Compressed;

/// <summary>
/// xz, zstd and bzip2 streams: the decompressed contents normalized through the registry (a tar inside) and, when
/// they changed (or with <c>xz-recompress</c>, <c>zstd-recompress</c>, <c>bzip2-recompress</c>), compressed again
/// with fixed settings (xz preset 6 with a CRC-64 check, zstd level 9 with a checksum, bzip2 with 900 kB blocks), so
/// the output depends only on the contents; unchanged contents leave the stream as it is.
/// </summary>
internal sealed class CompressedNormalizer(string format, Normalization recompress) : INormalizer
{
    public string Name => format;

    public bool Recognizes(NormalizeInput input) => Decompressors.Detect(input.Head) == format;

    public IReadOnlyList<Change> Normalize(IContent input, Stream output, NormalizeContext context)
    {
        using var inner = Decompression.ToSpool(format, input, context);
        var (content, changes, owner) = context.NormalizeMemberToContent(inner, "");
        using (owner)
        {
            if (owner is null && !context.Applies(recompress))
            {
                using var original = input.Open();
                original.CopyTo(output);
                return [];
            }

            using var encoder = Encoder(output);
            using (var source = content.Open())
            {
                source.CopyTo(encoder);
            }

            encoder.Finish();
            return owner is null ? [new Change(recompress, "", $"{format} stream", "as compressed", "re-compressed with fixed settings")] : changes;
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

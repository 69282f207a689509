using Verbatim.Core.Compression;
using Verbatim.Core.Model;
using Verbatim.Formats.Engine;

namespace Verbatim.Formats.Compressed;

/// <summary>
/// The common shape of gzip, xz, zstd and bzip2: a header with a few fields, then one compressed stream. Recognised by
/// <see cref="Decompressors.Detect"/>; compared by <see cref="CompressedComparer"/>.
/// </summary>
public abstract class CompressedFormat : IFormat
{
    public abstract string Name { get; }

    public bool Recognizes(Input input) => Decompressors.Detect(input.Head) == Name;

    /// <summary>Reads the container's header fields (without decompressing). Throws MalformedInputException.</summary>
    public abstract CompressedHeader ReadHeader(Input input, CancellationToken cancellationToken);

    /// <summary>Opens the decoder over the compressed bytes (which it owns).</summary>
    public abstract DecoderStream OpenDecoder(Stream compressed);

    /// <summary>Fields only known once the decoder has read everything (e.g. the number of gzip members).</summary>
    public virtual IEnumerable<HeaderField> FieldsAfterDecoding(DecoderStream decoder) => [];

    public Task<IReadOnlyList<Difference>> CompareAsync(Input left, Input right, ComparisonContext context) =>
        CompressedComparer.CompareAsync(this, left, right, context);
}

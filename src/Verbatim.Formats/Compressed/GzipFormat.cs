using System.Globalization;
using Verbatim.Core.Compression;
using Verbatim.Core.Model;
using Verbatim.Formats.Engine;

namespace Verbatim.Formats.Compressed;

/// <summary>gzip files (.gz, .tgz): the first member's header fields, the number of members, then the decompressed contents.</summary>
public sealed class GzipFormat : CompressedFormat
{
    public override string Name => "gzip";

    public override CompressedHeader ReadHeader(Input input, CancellationToken cancellationToken)
    {
        using var stream = input.Open();
        return GzipHeaderReader.Read(stream);
    }

    public override DecoderStream OpenDecoder(Stream compressed) => new GzipDecoderStream(compressed);

    public override IEnumerable<HeaderField> FieldsAfterDecoding(DecoderStream decoder)
    {
        var members = ((GzipDecoderStream)decoder).Members;
        yield return new HeaderField("members", members.ToString(CultureInfo.InvariantCulture), CauseKind.Compression);
    }
}

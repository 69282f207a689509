using Verbatim.Archives.Zip;
using Verbatim.Core.IO;

namespace Verbatim.Normalize.Engine;

/// <summary>
/// The one ordered list of normalizers, most specific first (one zip handler per flavor of <see cref="ZipFlavors"/>,
/// plain zip last; a .deb before plain ar). Adding a handler is one line here; docs/normalize.md lists what each one
/// changes.
/// </summary>
public sealed class NormalizerRegistry(IReadOnlyList<INormalizer> normalizers)
{
    /// <summary>Bytes of an input's start passed to <see cref="INormalizer.Recognizes"/>.</summary>
    public const int HeadBytes = 8192;

    public static NormalizerRegistry Default { get; } = new(
    [
        .. ZipFlavors.All.Select(f => new Zip.ZipNormalizer(f)),
        new Ar.ArNormalizer(debian: true),
        new Ar.ArNormalizer(debian: false),
        new Tar.TarNormalizer(),
        new Gzip.GzipNormalizer(),
        new Compressed.CompressedNormalizer("xz", Normalizations.XzRecompress),
        new Compressed.CompressedNormalizer("zstd", Normalizations.ZstdRecompress),
        new Compressed.CompressedNormalizer("bzip2", Normalizations.Bzip2Recompress),
        new Png.PngNormalizer(),
        new Mo.MoNormalizer(),
    ]);

    public IReadOnlyList<INormalizer> Normalizers { get; } = normalizers;

    /// <summary>The first handler that recognises <paramref name="content"/> named <paramref name="name"/>, or null.</summary>
    public INormalizer? Detect(IContent content, string name)
    {
        var head = new byte[(int)Math.Min(HeadBytes, content.Length)];
        using (var stream = content.Open())
        {
            stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }

        return Detect(new NormalizeInput(head, name, content));
    }

    /// <summary>The first handler that recognises an input of which only the start is known, or null.</summary>
    public INormalizer? Detect(ReadOnlySpan<byte> head, string name) => Detect(new NormalizeInput(head.ToArray(), name, null));

    private INormalizer? Detect(NormalizeInput input)
    {
        foreach (var normalizer in Normalizers)
        {
            if (normalizer.Recognizes(input))
            {
                return normalizer;
            }
        }

        return null;
    }
}

using Verbatim.Core.IO;

namespace Verbatim.Normalize.Engine;

/// <summary>
/// The one ordered list of normalizers, most specific first (nupkg, wheel and jar before plain zip; a .deb before
/// plain ar). Adding a handler is one line here; docs/normalize.md lists what each one changes.
/// </summary>
public sealed class NormalizerRegistry(IReadOnlyList<INormalizer> normalizers)
{
    /// <summary>Bytes of an input's start passed to <see cref="INormalizer.Recognizes"/>.</summary>
    public const int HeadBytes = 8192;

    public static NormalizerRegistry Default { get; } = new(
    [
        new Zip.ZipNormalizer(new Nupkg.NupkgFlavor()),
        new Zip.ZipNormalizer(new Wheel.WheelFlavor()),
        new Zip.ZipNormalizer(new Zip.JarFlavor()),
        new Zip.ZipNormalizer(new Zip.MimetypeFlavor()),
        new Zip.ZipNormalizer(new Zip.PlainZipFlavor()),
        new Ar.ArNormalizer(debian: true),
        new Ar.ArNormalizer(debian: false),
        new Tar.TarNormalizer(),
        new Gzip.GzipNormalizer(),
        new Compressed.CompressedNormalizer("xz"),
        new Compressed.CompressedNormalizer("zstd"),
        new Compressed.CompressedNormalizer("bzip2"),
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

        return Detect(head, name);
    }

    public INormalizer? Detect(ReadOnlySpan<byte> head, string name)
    {
        foreach (var normalizer in Normalizers)
        {
            if (normalizer.Recognizes(head, name))
            {
                return normalizer;
            }
        }

        return null;
    }
}

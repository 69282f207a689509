namespace Verbatim.Formats.Engine;

/// <summary>
/// The one ordered list of formats, most specific first (a .deb before ar, a nupkg before zip, text last).
/// Adding a format is one line here; see docs/adding-a-format.md.
/// </summary>
public sealed class FormatRegistry(IReadOnlyList<IFormat> formats)
{
    public static FormatRegistry Default { get; } = new(
    [
        .. Zip.ZipFamily.Formats,
        new Deb.DebFormat(),
        new Ar.ArFormat(),
        new Tar.TarFormat(),
        new Elf.ElfFormat(),
        new Pe.PeFormat(),
        new Wasm.WasmFormat(),
        new Signatures.Pkcs7Format(),
        new Bitcode.BitcodeFormat(),
        new Compressed.GzipFormat(),
        new Compressed.XzFormat(),
        new Compressed.ZstdFormat(),
        new Compressed.Bzip2Format(),
        new Json.JsonFormat(),
        new Text.TextFormat(),
    ]);

    public IReadOnlyList<IFormat> Formats { get; } = formats;

    /// <summary>The first format that recognises the input, or null (then it is compared as bytes).</summary>
    public IFormat? Detect(Input input)
    {
        if (input.Length == 0)
        {
            return null;
        }

        foreach (var format in Formats)
        {
            if (format.Recognizes(input))
            {
                return format;
            }
        }

        return null;
    }
}

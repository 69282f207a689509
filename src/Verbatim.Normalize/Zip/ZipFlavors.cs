namespace Verbatim.Normalize.Zip;

/// <summary>Plain zip: entries in ordinal name order.</summary>
internal sealed class PlainZipFlavor : ZipFlavor
{
    public override string Name => "zip";
}

/// <summary>Java archives (jar, war, ear, aar, apk): <c>META-INF/</c> and <c>META-INF/MANIFEST.MF</c> first, then the rest of META-INF (signatures), then the others.</summary>
internal sealed class JarFlavor : ZipFlavor
{
    public override string Name => "jar";

    public override IReadOnlyList<string> Extensions => [".jar", ".war", ".ear", ".aar", ".apk"];

    public override int Rank(string name) => name switch
    {
        "META-INF/" => -3,
        "META-INF/MANIFEST.MF" => -2,
        _ when name.StartsWith("META-INF/", StringComparison.Ordinal) => -1,
        _ => 0,
    };
}

/// <summary>ODF documents and EPUB books: the <c>mimetype</c> entry first and stored.</summary>
internal sealed class MimetypeFlavor : ZipFlavor
{
    public override string Name => "odf/epub";

    public override IReadOnlyList<string> Extensions => [".odt", ".ods", ".odp", ".odg", ".odf", ".epub", ".ott", ".ots"];

    public override bool MatchesHead(ReadOnlySpan<byte> head) => head.Length >= 38 && head[30..].StartsWith("mimetype"u8);

    public override int Rank(string name) => name == "mimetype" ? -1 : 0;

    public override bool MustStore(string name) => name == "mimetype";
}

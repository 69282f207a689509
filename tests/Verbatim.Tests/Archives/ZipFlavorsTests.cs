using Verbatim.Archives.Zip;
using Verbatim.Core.IO;
using Verbatim.Normalize.Engine;
using Verbatim.Tests.Support;
using static Verbatim.Tests.Normalize.ZipFixtures;

namespace Verbatim.Tests.Archives;

/// <summary>The one zip flavor registry: content first, then name, and diff and normalize agree on every input.</summary>
public class ZipFlavorsTests
{
    [Theory]
    [InlineData("package.bin", "nupkg")] // content: [Content_Types].xml and a root .nuspec, whatever the name
    [InlineData("package.jar", "nupkg")] // content beats a name that says otherwise
    [InlineData("lib.zip", "jar")] // META-INF/MANIFEST.MF first
    [InlineData("app.apk", "apk")]
    [InlineData("notes.whl", "whl")] // no WHEEL inside: the name decides
    [InlineData("notes.odt", "odf")]
    [InlineData("notes.zip", "zip")]
    public void Flavor_is_decided_by_content_then_by_name(string name, string flavor)
    {
        using var dir = new TempDir();
        var path = dir.File(name);
        Write(path, flavor switch
        {
            "nupkg" => [Text("[Content_Types].xml", "<Types/>", At(2024)), Text("Demo.nuspec", "<package/>", At(2024))],
            "jar" => [Text("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n", At(2024)), Text("A.class", "x", At(2024))],
            "apk" => [Text("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n", At(2024)), Text("AndroidManifest.xml", "x", At(2024)), Text("classes.dex", "x", At(2024))],
            _ => [Text("notes.txt", "notes", At(2024))],
        });

        Assert.Equal(flavor, Probe(path).Flavor?.Name);
        Assert.Equal(flavor, Verbatim.Formats.Zip.ZipFamily.Classify(new Verbatim.Formats.Engine.Input(path, FileContent.Of(path))));
        Assert.Equal(flavor, NormalizerRegistry.Default.Detect(FileContent.Of(path), name)?.Name);
    }

    [Fact]
    public void Every_flavor_has_a_diff_format_and_a_normalize_handler_of_its_name()
    {
        var names = ZipFlavors.All.Select(f => f.Name).ToList();
        Assert.Equal(names, Verbatim.Formats.Zip.ZipFamily.Formats.Select(f => f.Name));
        Assert.Equal(names, NormalizerRegistry.Default.Normalizers.Select(n => n.Name).Take(names.Count));
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    private static ZipProbe Probe(string path)
    {
        var content = FileContent.Of(path);
        var head = File.ReadAllBytes(path).Take(8192).ToArray();
        return new ZipProbe(content, Path.GetFileName(path), head);
    }
}

using System.IO.Compression;
using Verbatim.Core.Model;
using Verbatim.Formats.Engine;
using Verbatim.Formats.Zip;
using Verbatim.Tests.Support;
using static Verbatim.Tests.Formats.Zip.ZipFixtures;

namespace Verbatim.Tests.Formats.Zip;

public class ZipFamilyTests
{
    private static Entry[] Nupkg(string psmdcp, string relId) =>
    [
        new("_rels/.rels", $"<Relationships><Relationship Type=\"core-properties\" Target=\"/package/services/metadata/core-properties/{psmdcp}.psmdcp\" Id=\"{relId}\" /></Relationships>\n"),
        new("Demo.nuspec", "<package><metadata><id>Demo</id><version>1.0.0</version></metadata></package>\n"),
        new("lib/net10.0/Demo.dll", [0x4D, 0x5A, 0, 1, 2, 3]),
        new($"package/services/metadata/core-properties/{psmdcp}.psmdcp", "<coreProperties><identifier>Demo</identifier></coreProperties>\n"),
        new("[Content_Types].xml", "<Types />\n"),
    ];

    [Fact]
    public void Nupkg_random_core_properties_name_is_one_random_id_cause()
    {
        using var dir = new TempDir();
        var a = dir.Write("Demo.1.0.0.nupkg", BuildZip(Nupkg("0a1b2c3d4e5f40718293a4b5c6d7e8f9", "R1f0e2d3c4b5a6978")));
        var b = dir.Write("other/Demo.1.0.0.nupkg", BuildZip(Nupkg("9f8e7d6c5b4a43218f0e1d2c3b4a5968", "Rabcdef0123456789")));
        var result = Diff.Run(a, b);
        Assert.Equal("nupkg", result.Root!.Format);
        Assert.DoesNotContain(result.Root.All(), d => d.Kind is DifferenceKind.Added or DifferenceKind.Removed);
        var name = Assert.Single(result.Root.All(), d => d.Field == "random name");
        Assert.Equal("package/services/metadata/core-properties/0a1b2c3d4e5f40718293a4b5c6d7e8f9.psmdcp", name.Left);
        Assert.Equal(CauseKind.RandomId, Assert.Single(name.Causes).Kind);
        var rels = Assert.Single(result.Root.All(), d => d.Kind == DifferenceKind.Node && d.Path1.EndsWith("::_rels/.rels", StringComparison.Ordinal));
        Assert.Contains(rels.Causes, c => c.Kind == CauseKind.RandomId);
    }

    [Fact]
    public void Nupkg_is_recognised_by_content_without_its_name()
    {
        using var dir = new TempDir();
        var a = dir.Write("a.zip", BuildZip(Nupkg("0a1b2c3d4e5f40718293a4b5c6d7e8f9", "R1")));
        var b = dir.Write("b.zip", BuildZip(Nupkg("9f8e7d6c5b4a43218f0e1d2c3b4a5968", "R2")));
        Assert.Equal("nupkg", Diff.Run(a, b).Root!.Format);
    }

    [Fact]
    public void Jar_manifest_toolchain_lines_are_a_toolchain_cause()
    {
        using var dir = new TempDir();
        Entry[] Jar(string jdk) =>
        [
            new("META-INF/MANIFEST.MF", $"Manifest-Version: 1.0\r\nCreated-By: Maven JAR Plugin 3.3.0\r\nBuild-Jdk-Spec: {jdk}\r\n\r\n"),
            new("com/example/App.class", [0xCA, 0xFE, 0xBA, 0xBE]),
        ];
        var result = Diff.Run(dir.Write("a.jar", BuildZip(Jar("17"))), dir.Write("b.jar", BuildZip(Jar("21"))));
        Assert.Equal("jar", result.Root!.Format);
        var manifest = Assert.Single(result.Root.All(), d => d.Kind == DifferenceKind.Node && d.Path1.EndsWith("::META-INF/MANIFEST.MF", StringComparison.Ordinal));
        var cause = Assert.Single(manifest.Causes, c => c.Kind == CauseKind.ToolchainVersion);
        Assert.Equal("Build-Jdk-Spec: 17", cause.Left);
        Assert.Equal("Build-Jdk-Spec: 21", cause.Right);
    }

    [Theory]
    [InlineData("x.whl", "whl")]
    [InlineData("x.apk", "apk")]
    [InlineData("x.war", "jar")]
    [InlineData("x.zip", "zip")]
    public void Family_member_is_named_by_extension(string name, string format)
    {
        using var dir = new TempDir();
        var input = new Input(dir.Write(name, BuildZip(new Entry("a.txt", "a"))), Verbatim.Core.IO.FileContent.Of(dir.File(name)));
        Assert.Equal(format, ZipFamily.Classify(input));
    }

    [Fact]
    public void Content_hints_name_odf_ooxml_and_jar()
    {
        using var dir = new TempDir();
        Input Make(string name, params Entry[] entries) => new(dir.Write(name, BuildZip(entries)), Verbatim.Core.IO.FileContent.Of(dir.File(name)));
        var odf = Make("doc.bin", new Entry("mimetype", "application/vnd.oasis.opendocument.text") { Level = CompressionLevel.NoCompression }, new Entry("content.xml", "<x/>"));
        var ooxml = Make("doc2.bin", new Entry("[Content_Types].xml", "<Types/>"), new Entry("word/document.xml", "<w/>"));
        var jar = Make("lib.bin", new Entry("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n"), new Entry("A.class", "x"));
        var notOdf = Make("plain.bin", new Entry("mimetype", "application/vnd.oasis.opendocument.text"), new Entry("content.xml", "<x/>"));
        Assert.Equal("odf", ZipFamily.Classify(odf));
        Assert.Equal("ooxml", ZipFamily.Classify(ooxml));
        Assert.Equal("jar", ZipFamily.Classify(jar));
        Assert.Equal("zip", ZipFamily.Classify(notOdf));
    }

    [Fact]
    public void Executable_jar_with_a_shell_launcher_is_a_jar_with_its_launcher_compared()
    {
        using var dir = new TempDir();
        var jar = BuildZip(new Entry("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n"), new Entry("A.class", "x"));
        var a = dir.Write("a.run", [.. "#!/bin/sh\nexec java -jar \"$0\" --mode=1\n"u8.ToArray(), .. jar]);
        var b = dir.Write("b.run", [.. "#!/bin/sh\nexec java -jar \"$0\" --mode=2\n"u8.ToArray(), .. jar]);
        var result = Diff.Run(a, b);
        Assert.Equal("jar", result.Root!.Format);
        var launcher = Assert.Single(result.Root.All(), d => d.Kind == DifferenceKind.Text);
        Assert.EndsWith("::(data before the first entry)", launcher.Path1, StringComparison.Ordinal);
    }
}

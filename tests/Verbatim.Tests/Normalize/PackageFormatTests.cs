using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Verbatim.Normalize.Engine;
using Verbatim.Tests.Support;
using static Verbatim.Tests.Normalize.ZipFixtures;

namespace Verbatim.Tests.Normalize;

public class PackageFormatTests
{
    [Fact]
    public void Nupkgs_packed_twice_normalize_to_identical_bytes_with_derived_names_and_ids()
    {
        using var dir = new TempDir();
        Nupkg(dir.File("one/hello.1.0.0.nupkg"), At(2024, 1), seed: 1);
        Nupkg(dir.File("two/hello.1.0.0.nupkg"), At(2025, 6), seed: 2);
        var outcome = Normalizer.Run(dir.File("one/hello.1.0.0.nupkg"));
        Normalizer.Run(dir.File("two/hello.1.0.0.nupkg"));

        Assert.Equal("nupkg", outcome.Handler);
        Assert.Contains(outcome.Changes, c => c.Field == "name" && c.From!.EndsWith(".psmdcp", StringComparison.Ordinal));
        Assert.Contains(outcome.Changes, c => c is { Member: "_rels/.rels", Field: "relationship id" });
        Assert.Equal(File.ReadAllBytes(dir.File("one/hello.1.0.0.nupkg")), File.ReadAllBytes(dir.File("two/hello.1.0.0.nupkg")));
        using var zip = ZipFile.OpenRead(dir.File("one/hello.1.0.0.nupkg"));
        var psmdcp = zip.Entries.Single(e => e.FullName.EndsWith(".psmdcp", StringComparison.Ordinal));
        var rels = new StreamReader(zip.GetEntry("_rels/.rels")!.Open()).ReadToEnd();
        Assert.Contains($"Target=\"/{psmdcp.FullName}\"", rels, StringComparison.Ordinal);
        Assert.Matches("^package/services/metadata/core-properties/[0-9a-f]{32}\\.psmdcp$", psmdcp.FullName);
        Normalizer.AssertIdempotent(dir.File("one/hello.1.0.0.nupkg"));
    }

    [Fact]
    public void Nupkg_renamed_to_bin_is_recognised_by_its_content_and_normalized_as_a_nupkg()
    {
        using var dir = new TempDir();
        Nupkg(dir.File("package.bin"), At(2024, 1), seed: 4);
        var outcome = Normalizer.Run(dir.File("package.bin"));

        Assert.Equal(NormalizeStatus.Changed, outcome.Status);
        Assert.Equal("nupkg", outcome.Handler);
        Assert.Contains(outcome.Changes, c => c.Field == "name" && c.From!.EndsWith(".psmdcp", StringComparison.Ordinal));
        var path = dir.File("package.bin");
        Assert.Equal("nupkg", Verbatim.Formats.Zip.ZipFamily.Classify(new Verbatim.Formats.Engine.Input(path, Verbatim.Core.IO.FileContent.Of(path))));
    }

    [Fact]
    public void Nupkgs_with_different_random_part_names_and_file_names_normalize_to_the_same_bytes()
    {
        using var dir = new TempDir();
        Nupkg(dir.File("one/Hello.1.0.0.nupkg"), At(2024, 1), seed: 5);
        Nupkg(dir.File("two/renamed.zip"), At(2024, 1), seed: 6);
        using (var a = ZipFile.OpenRead(dir.File("one/Hello.1.0.0.nupkg")))
        using (var b = ZipFile.OpenRead(dir.File("two/renamed.zip")))
        {
            Assert.NotEqual(a.Entries.Single(e => e.Name.EndsWith(".psmdcp", StringComparison.Ordinal)).FullName, b.Entries.Single(e => e.Name.EndsWith(".psmdcp", StringComparison.Ordinal)).FullName);
        }

        Assert.Equal("nupkg", Normalizer.Run(dir.File("one/Hello.1.0.0.nupkg")).Handler);
        Assert.Equal("nupkg", Normalizer.Run(dir.File("two/renamed.zip")).Handler);
        Assert.Equal(File.ReadAllBytes(dir.File("one/Hello.1.0.0.nupkg")), File.ReadAllBytes(dir.File("two/renamed.zip")));
    }

    [Fact]
    public void Normalized_nupkg_restores_from_a_folder_feed()
    {
        using var dir = new TempDir();
        Nupkg(dir.File("feed/hello.1.0.0.nupkg"), At(2024, 1), seed: 3);
        Assert.Equal(NormalizeStatus.Changed, Normalizer.Run(dir.File("feed/hello.1.0.0.nupkg")).Status);
        dir.Write("app/app.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally><RestorePackagesWithLockFile>false</RestorePackagesWithLockFile></PropertyGroup>
              <ItemGroup><PackageReference Include="Hello" Version="1.0.0" /></ItemGroup>
            </Project>
            """);
        dir.Write("app/Directory.Build.props", "<Project />");
        dir.Write("app/Directory.Packages.props", "<Project />");
        dir.Write("app/nuget.config", $"""
            <configuration><packageSources><clear /><add key="feed" value="{dir.File("feed")}" /></packageSources></configuration>
            """);
        Diff.Exec("dotnet", $"restore --packages {dir.File("packages")}", dir.File("app"));
        Assert.True(File.Exists(dir.File("packages/hello/1.0.0/hello.nuspec")));
    }

    [Fact]
    public void Wheel_record_is_rehashed_for_changed_members_and_sorted()
    {
        using var dir = new TempDir();
        var gz = TarNormalizerTests.Gzip("data file\n"u8.ToArray());
        gz[4] = 0x11; // an mtime in the gzip header
        var init = "print('hi')\n"u8.ToArray();
        var record = $"pkg/__init__.py,{Hash(init)},{init.Length}\npkg/data.gz,{Hash(gz)},{gz.Length}\npkg-1.0.dist-info/RECORD,,\n";
        Write(dir.File("pkg-1.0-py3-none-any.whl"), [
            new Entry("pkg-1.0.dist-info/RECORD", Encoding.UTF8.GetBytes(record), At(2024)),
            new Entry("pkg/data.gz", gz, At(2024)),
            new Entry("pkg/__init__.py", init, At(2024)),
            Text("pkg-1.0.dist-info/WHEEL", "Wheel-Version: 1.0\n", At(2024))]);
        var outcome = Normalizer.Run(dir.File("pkg-1.0-py3-none-any.whl"));

        Assert.Equal("whl", outcome.Handler);
        Assert.Contains(outcome.Changes, c => c is { Member: "pkg-1.0.dist-info/RECORD", Field: "hash of pkg/data.gz" });
        using var zip = ZipFile.OpenRead(dir.File("pkg-1.0-py3-none-any.whl"));
        Assert.Equal(["pkg/__init__.py", "pkg/data.gz", "pkg-1.0.dist-info/WHEEL", "pkg-1.0.dist-info/RECORD"], zip.Entries.Select(e => e.FullName));
        var newGz = Read(zip.GetEntry("pkg/data.gz")!);
        var lines = new StreamReader(zip.GetEntry("pkg-1.0.dist-info/RECORD")!.Open()).ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal([$"pkg-1.0.dist-info/RECORD,,", $"pkg/__init__.py,{Hash(init)},{init.Length}", $"pkg/data.gz,{Hash(newGz)},{newGz.Length}"], lines);
        Normalizer.AssertIdempotent(dir.File("pkg-1.0-py3-none-any.whl"));
    }

    [Fact]
    public void Runnable_jar_keeps_its_manifest_first_and_still_runs()
    {
        using var dir = new TempDir();
        dir.Write("src/hello/Main.java", "package hello; public class Main { public static void main(String[] a) { System.out.println(\"hello \" + Util.name()); } }");
        dir.Write("src/hello/Util.java", "package hello; class Util { static String name() { return \"jar\"; } }");
        Diff.Exec("javac", "-d classes hello/Main.java hello/Util.java", dir.File("src"));
        Diff.Exec("jar", "--create --file ../app.jar --main-class hello.Main -C ../src/classes .", dir.File("src"));
        var outcome = Normalizer.Run(dir.File("app.jar"));

        Assert.Equal("jar", outcome.Handler);
        Assert.Equal(NormalizeStatus.Changed, outcome.Status);
        using (var zip = ZipFile.OpenRead(dir.File("app.jar")))
        {
            Assert.Equal(["META-INF/", "META-INF/MANIFEST.MF", "hello/", "hello/Main.class", "hello/Util.class"], zip.Entries.Select(e => e.FullName));
        }

        Assert.Equal("hello jar\n", Diff.Exec("java", $"-jar {dir.File("app.jar")}"));
        Normalizer.AssertIdempotent(dir.File("app.jar"));
    }

    internal static void Nupkg(string path, DateTimeOffset time, int seed)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var random = new Random(seed);
        string Id() => "R" + Convert.ToHexString(RandomBytes(random, 8));
        var psmdcp = $"package/services/metadata/core-properties/{Convert.ToHexString(RandomBytes(random, 16)).ToLowerInvariant()}.psmdcp";
        var rels = $"""<?xml version="1.0" encoding="utf-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Type="http://schemas.microsoft.com/packaging/2010/07/manifest" Target="/hello.nuspec" Id="{Id()}" /><Relationship Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="/{psmdcp}" Id="{Id()}" /></Relationships>""";
        var nuspec = """<?xml version="1.0" encoding="utf-8"?><package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd"><metadata><id>Hello</id><version>1.0.0</version><authors>a</authors><description>test</description></metadata></package>""";
        var core = """<?xml version="1.0" encoding="utf-8"?><coreProperties xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"><dc:creator>a</dc:creator><dc:identifier>Hello</dc:identifier><version>1.0.0</version></coreProperties>""";
        var types = """<?xml version="1.0" encoding="utf-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml" /><Default Extension="nuspec" ContentType="application/octet" /><Default Extension="psmdcp" ContentType="application/vnd.openxmlformats-package.core-properties+xml" /><Default Extension="txt" ContentType="application/octet" /></Types>""";
        Write(path, [
            Text("_rels/.rels", rels, time),
            Text("hello.nuspec", nuspec, time),
            Text("content/readme.txt", "readme\n", time),
            Text(psmdcp, core, time),
            Text("[Content_Types].xml", types, time)]);
    }

    private static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    private static string Hash(byte[] data) => "sha256=" + Convert.ToBase64String(SHA256.HashData(data)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] Read(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}

using Verbatim.Build.Environments;
using Verbatim.Common.Digests;
using Verbatim.Common.Records;
using Verbatim.Tests.Support;

namespace Verbatim.Tests.Build;

/// <summary>Every example in examples/ builds, and building it twice gives bit-identical outputs and build records.</summary>
[Collection("sandbox")]
public sealed class ExampleBuildTests
{
    /// <summary>The packages examples/debian-hello's environment was created with.</summary>
    public static readonly string[] DebianHelloPackages = ["debhelper", "help2man", "texinfo", "fakeroot"];

    [Fact]
    public void Hello_c_builds_twice_bit_identical()
    {
        var record = BuildTwice(BuildSupport.Example("hello-c"), "dist/hello.tar.gz");
        Assert.Equal("host", record.Environment.Kind);
        Assert.Contains(record.Environment.Packages, p => p.Name == "gcc");
        Assert.Equal("1700000000", record.EnvironmentVariables["SOURCE_DATE_EPOCH"]);
        Assert.Equal("builder", record.EnvironmentVariables["USER"]);
    }

    [Fact]
    public void Dotnet_library_packs_offline_twice_bit_identical()
    {
        var record = BuildTwice(BuildSupport.Example("hello-nupkg"), "dist/Verbatim.Examples.Greeter.1.0.0.nupkg");
        Assert.Equal(["/usr/share/dotnet"], record.Environment.Mounts);
        Assert.StartsWith("10.", record.Tools["dotnet"], StringComparison.Ordinal);
    }

    [Fact]
    public void Python_wheel_builds_offline_twice_bit_identical()
    {
        var record = BuildTwice(BuildSupport.Example("hello-wheel"), "dist/verbatim_hello-1.0.0-py3-none-any.whl");
        Assert.StartsWith("Python 3", record.Tools["python3"], StringComparison.Ordinal);
    }

    [Fact]
    public void Debian_hello_builds_in_a_bookworm_environment_twice_bit_identical()
    {
        using var dir = new TempDir();
        var digest = DebianHelloEnvironment();
        var example = BuildSupport.CopyExample("debian-hello", dir.File("example"));
        var recipe = Path.Combine(example, "verbatim.yaml");
        var text = File.ReadAllText(recipe);
        var pinned = text[(text.IndexOf("rootfs: sha256:", StringComparison.Ordinal) + 15)..][..64];
        File.WriteAllText(recipe, text.Replace(pinned, digest, StringComparison.Ordinal));

        var record = BuildTwice(example, "hello_2.10-3_amd64.deb");
        Assert.Equal(("rootfs", digest), (record.Environment.Kind, record.Environment.Sha256?.Hex));
        Assert.Contains(record.Environment.Packages, p => p.Name == "debhelper" && p.Version.Length > 0);
        Assert.Contains(record.Subjects, s => s.Name == "hello-dbgsym_2.10-3_amd64.deb");
        Assert.Equal(4, record.Inputs.Count(i => i.Kind == "url"));
    }

    /// <summary>The bookworm environment, created once per cache with mmdebstrap (the network is needed only then).</summary>
    public static string DebianHelloEnvironment()
    {
        var store = BuildSupport.Store;
        var marker = Path.Combine(store.Root, "test-envs", "bookworm-" + string.Join('+', DebianHelloPackages));
        if (File.Exists(marker) && File.ReadAllText(marker).Trim() is { Length: 64 } known && store.VerifiedBlob(known) is not null)
        {
            return known;
        }

        var created = DebianEnvironmentCreator.CreateAsync(store, "bookworm", DebianHelloPackages, null, null).GetAwaiter().GetResult();
        Assert.Contains(created.Packages, p => p.Name == "dpkg-dev");
        Directory.CreateDirectory(Path.GetDirectoryName(marker)!);
        File.WriteAllText(marker, created.Digest);
        return created.Digest;
    }

    private static BuildRecord BuildTwice(string example, string mainOutput)
    {
        using var dir = new TempDir();
        var (first, _) = BuildSupport.Build(example, dir.File("one"));
        var (second, _) = BuildSupport.Build(example, dir.File("two"));
        Assert.True(File.Exists(dir.File("one/" + mainOutput)), $"{mainOutput} was not produced");
        Assert.Equal(first.Record.Subjects, second.Record.Subjects);
        foreach (var subject in first.Record.Subjects)
        {
            Assert.Equal(File.ReadAllBytes(dir.File("one/" + subject.Name)), File.ReadAllBytes(dir.File("two/" + subject.Name)));
            Assert.Equal(subject.Sha256, Sha256Digest.OfFile(dir.File("one/" + subject.Name)));
        }

        Assert.Equal(File.ReadAllBytes(dir.File("one/buildinfo.json")), File.ReadAllBytes(dir.File("two/buildinfo.json")));
        Assert.Equal(BuildRecordJson.Serialize(first.Record), File.ReadAllBytes(dir.File("one/buildinfo.json")));
        Assert.Equal(BuildRecordJson.Serialize(BuildRecordJson.Read(dir.File("one/buildinfo.json"))), File.ReadAllBytes(dir.File("one/buildinfo.json")));
        Assert.Equal("verbatim-local/" + Verbatim.Build.BuildRunner.Version, first.Record.BuilderId);
        return first.Record;
    }
}

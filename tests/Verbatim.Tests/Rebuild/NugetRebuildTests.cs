using System.Buffers.Binary;
using System.IO.Compression;
using Verbatim.Common.Verdicts;
using Verbatim.Rebuild.Comparison;
using Verbatim.Tests.Build;
using Verbatim.Tests.Support;

namespace Verbatim.Tests.Rebuild;

/// <summary>
/// A tiny class library packed once here on the host with <c>dotnet pack</c> (the reference, in a folder of its own),
/// then rebuilt once from a pristine copy of its source by <c>verbatim rebuild nuget DIR</c> in the sandbox.
/// </summary>
public sealed class NugetPackageFixture : IDisposable
{
    public const string PackageName = "Verbatim.Examples.Greeter.1.0.0.nupkg";

    public NugetPackageFixture()
    {
        // examples/hello-nupkg's library, with its PDB embedded in the assembly (where Roslyn's version is then recorded).
        var published = Project(Dir.File("published-src"));
        Source = Project(Dir.File("project"));
        RebuildSupport.Exec("dotnet", published, new Dictionary<string, string>
        {
            ["DOTNET_CLI_HOME"] = Dir.File("dotnet-home"),
            ["NUGET_PACKAGES"] = Dir.File("nuget-packages"),
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
            ["MSBUILDDISABLENODEREUSE"] = "1",
        },
            "pack", "Greeter.csproj", "-c", "Release", "-o", Dir.File("published"), "--disable-build-servers", "-nodeReuse:false",
            "-p:UseSharedCompilation=false", "-p:Deterministic=true", "-p:ContinuousIntegrationBuild=true");
        Reference = Dir.File("published/" + PackageName);
        var env = new Dictionary<string, string> { ["VERBATIM_CACHE"] = BuildSupport.Store.Root, ["HOME"] = Dir.Path };
        Run = InProcessCli.Run(env, "rebuild", "nuget", Source, "--reference", Reference, "--out", Dir.File("out"), "--json", Dir.File("result.json"));
    }

    public TempDir Dir { get; } = new();

    /// <summary>The project's source tree the rebuild starts from (never built in place).</summary>
    public string Source { get; }

    /// <summary>The nupkg <c>dotnet pack</c> made on the host.</summary>
    public string Reference { get; }

    /// <summary>The one rebuild, through the CLI.</summary>
    public Verbatim.Tests.Support.Cli.Result Run { get; }

    /// <summary>The rebuilt nupkg (under out/rebuilt/, at its path among the recipe's outputs).</summary>
    public string Rebuilt => Directory.GetFiles(Dir.File("out/rebuilt"), "*.nupkg", SearchOption.AllDirectories).Single();

    public void Dispose() => Dir.Dispose();

    private static string Project(string target)
    {
        BuildSupport.CopyExample("hello-nupkg/src", target);
        var csproj = Path.Combine(target, "Greeter.csproj");
        File.WriteAllText(csproj, File.ReadAllText(csproj).Replace("<IncludeSymbols>", "<DebugType>embedded</DebugType>\n    <IncludeSymbols>", StringComparison.Ordinal));
        return target;
    }
}

[Collection("sandbox")]
public sealed class NugetRebuildTests(NugetPackageFixture fixture) : IClassFixture<NugetPackageFixture>
{
    [Fact]
    public void A_project_packed_on_the_host_then_rebuilt_in_the_sandbox_is_reproducible()
    {
        // SOURCE_DATE_EPOCH is the reference's entry time, which dotnet pack (NuGet's deterministic mode) then stamps
        // the rebuilt entries with; the compiler is deterministic and the paths are mapped (/_/).
        var run = fixture.Run;
        Assert.True(run.ExitCode == 0, run.StdErr + run.StdOut);
        Assert.Contains("reproducible: 1 of 1 artifacts bit-for-bit identical", run.StdOut, StringComparison.Ordinal);
        var json = File.ReadAllText(fixture.Dir.File("result.json"));
        Assert.Contains("\"ecosystem\": \"nuget\"", json, StringComparison.Ordinal);
        Assert.Contains("dotnet pack 'Greeter.csproj' -c Release", json, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(fixture.Reference), File.ReadAllBytes(fixture.Rebuilt));

        // The embedded PDB names the compiler; the rebuild's SDK holds the same one.
        Assert.Contains("\"aspect\": \"compiler\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("reveals compiler", run.StdOut, StringComparison.Ordinal);
        Assert.Matches("\"reference\": \"Roslyn [0-9]+\\.[0-9]+", json);
    }

    [Fact]
    public async Task A_reference_whose_entry_times_differ_is_equivalent_after_zip_entry_times()
    {
        using var dir = new TempDir();
        var bytes = File.ReadAllBytes(fixture.Reference);
        SetEntryTimes(bytes, 0x0000, 0x6421); // 2030-01-01 00:00:00 in every local and central header: later than the reference time, as the rebuilt entries are
        var other = dir.Write(NugetPackageFixture.PackageName, bytes);
        Assert.True(File.Exists(fixture.Rebuilt), fixture.Run.StdErr + fixture.Run.StdOut);

        // The comparison the rebuild makes of its output with each reference (Rebuilder → ArtifactComparer), on the fixture's rebuild.
        var verdict = await ArtifactComparer.CompareAsync(NugetPackageFixture.PackageName, fixture.Rebuilt, other, 1700000000, dir.Path, CancellationToken.None);
        Assert.Equal(Verdict.EquivalentAfterNormalization, verdict.Verdict);
        Assert.Contains("zip-entry-times", verdict.NormalizationIds);
    }

    [Fact]
    public async Task A_reference_with_one_byte_changed_in_its_assembly_is_not_reproducible_and_the_member_is_named()
    {
        using var dir = new TempDir();
        var tampered = dir.File(NugetPackageFixture.PackageName);
        Rewrite(fixture.Reference, tampered, "lib/net10.0/Greeter.dll");
        Assert.True(File.Exists(fixture.Rebuilt), fixture.Run.StdErr + fixture.Run.StdOut);

        // The comparison the rebuild makes of its output with each reference (Rebuilder → ArtifactComparer), on the fixture's rebuild.
        var verdict = await ArtifactComparer.CompareAsync(NugetPackageFixture.PackageName, fixture.Rebuilt, tampered, 1700000000, dir.Path, CancellationToken.None);
        Assert.Equal(Verdict.NotReproducible, verdict.Verdict);
        Assert.Contains(verdict.DifferingMembers, m => m.StartsWith("lib/net10.0/Greeter.dll", StringComparison.Ordinal));
        Assert.NotNull(verdict.DiffReport);
    }

    /// <summary>Sets every entry's DOS time and date, in the central directory and in each local header.</summary>
    private static void SetEntryTimes(byte[] zip, ushort time, ushort date)
    {
        var end = zip.Length - 22;
        while (BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(end)) != 0x06054b50)
        {
            end--;
        }

        var count = BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(end + 10));
        var at = (int)BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(end + 16));
        for (var i = 0; i < count; i++)
        {
            Assert.Equal(0x02014b50u, BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(at)));
            BinaryPrimitives.WriteUInt16LittleEndian(zip.AsSpan(at + 12), time);
            BinaryPrimitives.WriteUInt16LittleEndian(zip.AsSpan(at + 14), date);
            var local = (int)BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(at + 42));
            BinaryPrimitives.WriteUInt16LittleEndian(zip.AsSpan(local + 10), time);
            BinaryPrimitives.WriteUInt16LittleEndian(zip.AsSpan(local + 12), date);
            at += 46 + BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(at + 28)) + BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(at + 30)) + BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(at + 32));
        }
    }

    private static byte[] Member(string zip, string name)
    {
        using var archive = ZipFile.OpenRead(zip);
        using var stream = archive.GetEntry(name)!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>Writes a copy of the nupkg, entries in the same order with the same times, one byte of <paramref name="target"/> changed (its last byte: past the PE headers).</summary>
    private static void Rewrite(string source, string destination, string target)
    {
        using var input = ZipFile.OpenRead(source);
        using var output = ZipFile.Open(destination, ZipArchiveMode.Create);
        foreach (var entry in input.Entries)
        {
            var bytes = Member(source, entry.FullName);
            if (entry.FullName == target)
            {
                bytes[^1] ^= 0x20;
            }

            var copy = output.CreateEntry(entry.FullName, CompressionLevel.Optimal);
            copy.LastWriteTime = entry.LastWriteTime;
            using var stream = copy.Open();
            stream.Write(bytes);
        }
    }
}

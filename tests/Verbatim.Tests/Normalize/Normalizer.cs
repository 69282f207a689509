using System.IO.Compression;
using Verbatim.Core.Model;
using Verbatim.Formats.Engine;
using Verbatim.Normalize.Engine;
using Verbatim.Tests.Support;

namespace Verbatim.Tests.Normalize;

/// <summary>Runs normalization in-process and checks its guarantees (idempotence, content, real consumers).</summary>
public static class Normalizer
{
    public const long Reference = 1600000000; // 2020-09-13 12:26:40 UTC

    public static FileOutcome Run(string path, bool check = false, string? output = null, long reference = Reference, IEnumerable<string>? with = null, bool setTimes = false) =>
        new FileNormalizer(NormalizerRegistry.Default, new NormalizeOptions
        {
            ReferenceTime = reference,
            Selected = Normalizations.Defaults.Union(with ?? []).ToHashSet(StringComparer.Ordinal),
            SetTimes = setTimes,
        }).Run(path, output, check);

    /// <summary>Normalizes a copy of <paramref name="path"/> and returns the copy's path.</summary>
    public static string Copy(string path, string name, long reference = Reference)
    {
        var copy = Path.Combine(Path.GetDirectoryName(path)!, name);
        File.Copy(path, copy, overwrite: true);
        var outcome = Run(copy, reference: reference);
        Assert.True(outcome.Status is NormalizeStatus.Changed or NormalizeStatus.Unchanged, outcome.Reason);
        return copy;
    }

    /// <summary>Normalizing again changes nothing.</summary>
    public static void AssertIdempotent(string normalized)
    {
        var before = File.ReadAllBytes(normalized);
        var again = Run(normalized, check: true);
        Assert.Equal(NormalizeStatus.Unchanged, again.Status);
        Assert.Empty(again.Changes);
        Assert.Equal(before, File.ReadAllBytes(normalized));
    }

    /// <summary>
    /// The diff engine finds only metadata differences (fields, order) between original and normalized, never a
    /// member's contents added, removed or changed. gzip is opened here first; a zip the engine cannot open yet is
    /// compared entry by entry.
    /// </summary>
    public static void AssertSameContent(string original, string normalized)
    {
        using var dir = new TempDir();
        if (IsGzip(original) && IsGzip(normalized))
        {
            AssertSameContent(Gunzip(original, dir.File("a")), Gunzip(normalized, dir.File("b")));
            return;
        }

        if (IsZip(original) && !FormatRegistry.Default.Formats.Any(f => f.Name == "zip"))
        {
            AssertSameZipEntries(original, normalized);
            return;
        }

        var result = Diff.Run(original, normalized);

        var content = result.Root.All().Where(d => d.Kind is DifferenceKind.Text or DifferenceKind.Binary or DifferenceKind.Added or DifferenceKind.Removed).ToList();
        Assert.True(content.Count == 0, "content differences:\n" + result.Text());
    }

    public static void AssertSameZipEntries(string a, string b)
    {
        using var left = ZipFile.OpenRead(a);
        using var right = ZipFile.OpenRead(b);
        var l = left.Entries.ToDictionary(e => e.FullName, Read, StringComparer.Ordinal);
        var r = right.Entries.ToDictionary(e => e.FullName, Read, StringComparer.Ordinal);
        Assert.Equal(l.Keys.Order(StringComparer.Ordinal), r.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, bytes) in l)
        {
            Assert.True(bytes.AsSpan().SequenceEqual(r[name]), name);
        }
    }

    /// <summary>Runs a program and returns its standard output as bytes; fails the test when it fails.</summary>
    public static byte[] ExecBytes(string program, string arguments, string? workingDirectory = null)
    {
        var info = new System.Diagnostics.ProcessStartInfo(program, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        using var process = System.Diagnostics.Process.Start(info)!;
        using var memory = new MemoryStream();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardOutput.BaseStream.CopyTo(memory);
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} {arguments} exited {process.ExitCode}: {stderr.Result}");
        return memory.ToArray();
    }

    private static byte[] Read(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }

    private static bool IsGzip(string path) => File.ReadAllBytes(path) is [0x1f, 0x8b, ..];

    private static bool IsZip(string path) => File.ReadAllBytes(path) is [(byte)'P', (byte)'K', ..];

    private static string Gunzip(string path, string target)
    {
        using var input = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var output = File.Create(target);
        input.CopyTo(output);
        return target;
    }
}

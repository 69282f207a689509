using System.IO.Compression;
using Verbatim.Formats.Compressed;
using Verbatim.Formats.Engine;
using Verbatim.Tests.Support;

namespace Verbatim.Tests.Robustness;

/// <summary>Identical compressed contents need no spool; the run's expansion is bounded in proportion to its inputs.</summary>
public class ExpansionTests
{
    [Fact]
    public void Equal_compressed_bytes_are_the_same_content_without_decompressing()
    {
        using var dir = new TempDir();
        var a = dir.Write("a.gz", Fixtures.GzipOfZeros(256L << 20, CompressionLevel.Fastest, mtime: 1_700_000_000));
        var b = dir.Write("b.gz", Fixtures.GzipOfZeros(256L << 20, CompressionLevel.Fastest, mtime: 1_700_000_100));

        // Expanding even one member would pass these limits: the answer must come from the compressed bytes.
        var result = Diff.Run(a, b, new DiffOptions { MaxExpansionBytes = 1 << 20, MaxMemberBytes = 1 << 20 });
        var all = result.Root.All().ToList();
        Assert.DoesNotContain(all, d => d.Comments.Any(c => c.Contains("limit", StringComparison.Ordinal)));
        Assert.Contains(all, d => d.Causes.Any(c => c.Kind == Core.Model.CauseKind.Timestamp));
        Assert.DoesNotContain(all, d => d.Path1.EndsWith("::a", StringComparison.Ordinal));
    }

    [Fact]
    public void Identical_contents_compressed_differently_are_compared_without_spooling()
    {
        using var dir = new TempDir();
        var a = dir.Write("a.gz", Fixtures.GzipOfZeros(64L << 20, CompressionLevel.Fastest));
        var b = dir.Write("b.gz", Fixtures.GzipOfZeros(64L << 20, CompressionLevel.SmallestSize));

        // A spool of either side would pass --max-member-size; compared in step, nothing is spooled.
        var result = Diff.Run(a, b, new DiffOptions { MaxMemberBytes = 1 << 20, MaxCompressionRatio = 100_000 });
        var stream = Assert.Single(result.Root.All(), d => d.Field == CompressedComparer.StreamField);
        Assert.Contains(stream.Causes, c => c.Kind == Core.Model.CauseKind.Compression);
        Assert.DoesNotContain(result.Root.All(), d => d.Comments.Any(c => c.Contains("limit", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_run_expands_at_most_a_multiple_of_its_inputs()
    {
        using var dir = new TempDir();
        var zeros = new byte[32 << 20];
        var almost = new byte[32 << 20];
        almost[^1] = 1;
        var a = dir.Write("a.gz", Fixtures.Gzip(zeros));
        var b = dir.Write("b.gz", Fixtures.Gzip(almost));
        var inputs = new FileInfo(a).Length + new FileInfo(b).Length;

        var options = new DiffOptions { MaxExpansionRatio = 50, MinExpansionBytes = 1 << 20, MaxCompressionRatio = 100_000 };
        var result = Diff.Run(a, b, options);
        Assert.False(result.Identical);
        var comment = Assert.Single(result.Root.All().SelectMany(d => d.Comments), c => c.Contains("(--max-expansion-ratio)", StringComparison.Ordinal));
        Assert.Contains($"50 times the {inputs} input bytes", comment, StringComparison.Ordinal);
        Assert.Contains("compared as bytes", comment, StringComparison.Ordinal);

        // The same pair within a generous allowance is opened and its content compared.
        var opened = Diff.Run(a, b, options with { MaxExpansionRatio = 100_000 });
        Assert.DoesNotContain(opened.Root.All().SelectMany(d => d.Comments), c => c.Contains("(--max-expansion-ratio)", StringComparison.Ordinal));
        Assert.Contains(opened.Root.All(), d => d.Path1.EndsWith("a.gz::a", StringComparison.Ordinal));
    }

    [Fact]
    public void Default_limits_are_proportionate_to_the_inputs()
    {
        var options = new DiffOptions();
        Assert.Equal(100, options.MaxExpansionRatio);
        Assert.Equal(1L << 30, options.MinExpansionBytes);
        Assert.Equal(1000, options.MaxCompressionRatio);
    }
}

using System.IO.Compression;
using Verbatim.Core.Model;
using Verbatim.Formats.Engine;
using Verbatim.Tests.Support;
using static Verbatim.Tests.Formats.Zip.ZipFixtures;

namespace Verbatim.Tests.Formats.Zip;

/// <summary>Bad zips never crash or hang the comparison: each says what is unreadable and why.</summary>
public class ZipBadInputTests
{
    private static readonly Entry[] Sample = [new("a.txt", "alpha\n"), new("b.txt", "beta\n")];

    private static Difference Member(DiffResult result, string suffix) =>
        Assert.Single(result.Root.All(), d => d.Kind == DifferenceKind.Node && d.Path1.EndsWith(suffix, StringComparison.Ordinal));

    [Fact]
    public void Truncated_zip_is_unreadable_and_compared_as_bytes()
    {
        using var dir = new TempDir();
        var good = BuildZip(Sample);
        var a = dir.Write("a.zip", good);
        var b = dir.Write("b.zip", good[..(good.Length - 40)]);
        var root = Diff.Run(a, b).Root!;
        Assert.Contains(root.Comments, c => c.Contains("unreadable as zip", StringComparison.Ordinal) && c.Contains("no end of central directory record", StringComparison.Ordinal));
        Assert.Contains(root.Children, d => d.Kind == DifferenceKind.Binary);
    }

    [Fact]
    public void Corrupt_central_directory_offsets_are_unreadable_and_compared_as_bytes()
    {
        using var dir = new TempDir();
        var bad = BuildZip(Sample);
        Put32(bad, CentralHeaders(bad)[1] + 42, 0x7FFF0000);
        var root = Diff.Run(dir.Write("a.zip", BuildZip(Sample)), dir.Write("b.zip", bad)).Root!;
        Assert.Contains(root.Comments, c => c.Contains("unreadable as zip", StringComparison.Ordinal) && c.Contains("local header offset 2147418112 is outside", StringComparison.Ordinal));
        Assert.Contains(root.Children, d => d.Kind == DifferenceKind.Binary);
    }

    [Fact]
    public void Corrupt_central_directory_signature_is_unreadable()
    {
        using var dir = new TempDir();
        var bad = BuildZip(Sample);
        Put32(bad, CentralHeaders(bad)[1], 0xDEADBEEF);
        var root = Diff.Run(dir.Write("a.zip", BuildZip(Sample)), dir.Write("b.zip", bad)).Root!;
        Assert.Contains(root.Comments, c => c.Contains("bad signature", StringComparison.Ordinal));
        Assert.Contains(root.Children, d => d.Kind == DifferenceKind.Binary);
    }

    [Fact]
    public void Encrypted_entries_are_unreadable_with_their_declared_values_compared()
    {
        using var dir = new TempDir();
        foreach (var (side, text) in new[] { ("a", "secret one\n"), ("b", "secret two\n") })
        {
            dir.Write($"{side}/s.txt", text);
            File.SetLastWriteTimeUtc(dir.File($"{side}/s.txt"), new DateTime(2024, 1, 2, 3, 4, 6, DateTimeKind.Utc));
            Diff.Exec("zip", $"-q -X -P password {dir.File(side + ".zip")} s.txt", dir.File(side));
        }

        var result = Diff.Run(dir.File("a.zip"), dir.File("b.zip"));
        var member = Member(result, "::s.txt");
        Assert.Contains(member.Comments, c => c.EndsWith("unreadable (encrypted)", StringComparison.Ordinal));
        Assert.Contains(member.Children, d => d.Field == "declared crc-32");
    }

    [Fact]
    public void Crc_mismatch_is_reported_as_unreadable()
    {
        using var dir = new TempDir();
        var bad = BuildZip(Sample);
        PatchBoth32(bad, 0, 16, 14, 0x12345678);
        var result = Diff.Run(dir.Write("a.zip", BuildZip(Sample)), dir.Write("b.zip", bad));
        var member = Member(result, "::a.txt");
        Assert.Contains(member.Comments, c => c.Contains("CRC-32 mismatch: the central directory records 12345678", StringComparison.Ordinal));
        Assert.Contains(member.Comments, c => c == "content readable on one side only");
    }

    [Fact]
    public void High_ratio_entry_is_not_expanded()
    {
        using var dir = new TempDir();
        var zeros = new byte[50 << 20];
        var almost = new byte[50 << 20];
        almost[^1] = 1; // stored differently: refused on both sides, and so reported (identical refused entries are not)
        var a = dir.Write("a.zip", BuildZip(new Entry("zeros", zeros), new Entry("x.txt", "1\n")));
        var b = dir.Write("b.zip", BuildZip(new Entry("zeros", almost), new Entry("x.txt", "2\n")));
        var result = Diff.Run(a, b, new DiffOptions { MaxCompressionRatio = 100 });
        var member = Member(result, "::zeros");
        Assert.Contains(member.Comments, c => c.Contains("passes the compression ratio limit of 100", StringComparison.Ordinal));
        Assert.Contains(result.Root.All(), d => d.Kind == DifferenceKind.Text && d.Path1.EndsWith("::x.txt", StringComparison.Ordinal));
    }

    [Fact]
    public void Absurd_declared_size_is_not_expanded()
    {
        using var dir = new TempDir();
        var bad = BuildZip(Sample);
        PatchBoth32(bad, 1, 24, 22, 0xFFFFFFF0);
        var result = Diff.Run(dir.Write("a.zip", BuildZip(Sample)), dir.Write("b.zip", bad));
        var member = Member(result, "::b.txt");
        Assert.Contains(member.Comments, c => c.Contains("4294967280 bytes declared", StringComparison.Ordinal) && c.Contains("zip bomb", StringComparison.Ordinal));
    }

    [Fact]
    public void Data_longer_than_declared_is_not_expanded_past_the_declared_size()
    {
        using var dir = new TempDir();
        var text = string.Concat(Enumerable.Range(0, 1000).Select(i => $"line {i}\n"));
        var bad = BuildZip(new Entry("big.txt", text));
        PatchBoth32(bad, 0, 24, 22, 100);
        var result = Diff.Run(dir.Write("a.zip", BuildZip(new Entry("big.txt", text))), dir.Write("b.zip", bad));
        var member = Member(result, "::big.txt");
        Assert.Contains(member.Comments, c => c.Contains("goes on past its declared size of 100 bytes", StringComparison.Ordinal));
    }

    [Fact]
    public void Overlapping_entries_are_not_expanded()
    {
        using var dir = new TempDir();
        var bad = BuildZip(new Entry("one", "same data\n"), new Entry("two", "other\n"));
        var central = CentralHeaders(bad);
        // The second central entry points at the first entry's local header, as in overlapping zip bombs.
        Put32(bad, central[1] + 42, U32(bad, central[0] + 42));
        Put32(bad, central[1] + 16, U32(bad, central[0] + 16));
        Put32(bad, central[1] + 20, U32(bad, central[0] + 20));
        Put32(bad, central[1] + 24, U32(bad, central[0] + 24));
        var good = BuildZip(new Entry("one", "same data\n"), new Entry("two", "same data\n"));
        var result = Diff.Run(dir.Write("a.zip", good), dir.Write("b.zip", bad));
        var two = Member(result, "::two");
        Assert.Contains(two.Comments, c => c.Contains("overlaps entry 'one'", StringComparison.Ordinal));
        Assert.Contains(result.Root!.Children, d => d.Field == "overlapping entries");
    }

    [Fact]
    public void A_zip_nested_in_itself_by_name_terminates_at_the_depth_limit()
    {
        using var dir = new TempDir();
        byte[] Nest(string seed)
        {
            var zip = BuildZip(new Entry("self.zip", seed));
            for (var i = 0; i < 12; i++)
            {
                zip = BuildZip(new Entry("self.zip", zip) { Level = CompressionLevel.NoCompression });
            }

            return zip;
        }

        var result = Diff.Run(dir.Write("self.zip", Nest("one")), dir.Write("other.zip", Nest("two")), new DiffOptions { MaxDepth = 5 });
        Assert.Contains(result.Root.All(), d => d.Comments.Any(c => c.Contains("deeper than --max-depth 5", StringComparison.Ordinal)));
    }

    [Fact]
    public void Unsupported_method_is_unreadable_with_its_number()
    {
        using var dir = new TempDir();
        var bad = BuildZip(Sample);
        PatchBoth16(bad, 0, 10, 8, 14);
        var result = Diff.Run(dir.Write("a.zip", BuildZip(Sample)), dir.Write("b.zip", bad));
        var member = Member(result, "::a.txt");
        Assert.Contains(member.Comments, c => c.Contains("compression method 14 (lzma) not supported", StringComparison.Ordinal));
        Assert.Contains(member.Children, d => d.Field == "compression" && d.Right == "lzma");
    }

    [Fact]
    public void Missing_local_header_is_unreadable()
    {
        using var dir = new TempDir();
        var bad = BuildZip(Sample);
        Put32(bad, LocalHeader(bad, 1), 0);
        var result = Diff.Run(dir.Write("a.zip", BuildZip(Sample)), dir.Write("b.zip", bad));
        var member = Member(result, "::b.txt");
        Assert.Contains(member.Comments, c => c.Contains("no local header at offset", StringComparison.Ordinal));
    }

    [Fact]
    public void Hostile_and_non_utf8_names_are_only_names()
    {
        using var dir = new TempDir();
        Entry[] Entries(string text) => [new("../escape.txt", text), new("/etc/passwd-like", text), new("caf_.txt", text)];
        var a = BuildZip(Entries("1\n"));
        var b = BuildZip(Entries("2\n"));
        foreach (var zip in new[] { a, b })
        {
            zip[LocalHeader(zip, 2) + 30 + 3] = 0xE9;
            zip[CentralHeaders(zip)[2] + 46 + 3] = 0xE9;
        }

        var result = Diff.Run(dir.Write("a.zip", a), dir.Write("b.zip", b));
        var paths = result.Root.All().Where(d => d.Kind == DifferenceKind.Text).Select(d => d.Path1).ToList();
        Assert.Contains(paths, p => p.EndsWith("a.zip::../escape.txt", StringComparison.Ordinal));
        Assert.Contains(paths, p => p.EndsWith("a.zip::/etc/passwd-like", StringComparison.Ordinal));
        Assert.Contains(paths, p => p.EndsWith("a.zip::cafΘ.txt", StringComparison.Ordinal));
        Assert.False(File.Exists(Path.Combine(dir.Path, "..", "escape.txt")));
    }
}

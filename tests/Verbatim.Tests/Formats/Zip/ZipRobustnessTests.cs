using System.IO.Compression;
using Verbatim.Core.Model;
using Verbatim.Tests.Support;
using static Verbatim.Tests.Formats.Zip.ZipFixtures;

namespace Verbatim.Tests.Formats.Zip;

/// <summary>Damaged and unusual zips: the comparison always ends with a tree, never an exception.</summary>
public class ZipRobustnessTests
{
    [Fact]
    public void Random_damage_never_throws()
    {
        using var dir = new TempDir();
        var good = BuildZip(
            new Entry("a.txt", string.Concat(Enumerable.Repeat("alpha ", 200))),
            new Entry("dir/", []) { UnixMode = 0x41ED },
            new Entry("b.bin", Enumerable.Range(0, 3000).Select(i => (byte)(i * 7)).ToArray()) { Level = CompressionLevel.NoCompression },
            new Entry("c.txt", "gamma\n"));
        var a = dir.Write("a.zip", good);
        var random = new Random(1234);
        for (var round = 0; round < 150; round++)
        {
            var bad = (byte[])good.Clone();
            if (round % 5 == 0)
            {
                bad = bad[..random.Next(1, bad.Length)];
            }
            else
            {
                for (var i = 0; i < 1 + (round % 4); i++)
                {
                    bad[random.Next(bad.Length)] = (byte)random.Next(256);
                }
            }

            if (bad.AsSpan().SequenceEqual(good))
            {
                continue;
            }

            var result = Diff.Run(a, dir.Write($"bad{round}.zip", bad));
            Assert.NotNull(result.Root);
            _ = result.Text();
            Assert.DoesNotContain(result.Root.All().SelectMany(d => d.Comments), c => c.Contains("Exception", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Entries_with_data_descriptors_are_read()
    {
        using var dir = new TempDir();
        byte[] Streamed(string text)
        {
            using var memory = new MemoryStream();
            using (var archive = new ZipArchive(new WriteOnlyStream(memory), ZipArchiveMode.Create))
            {
                var entry = archive.CreateEntry("x.txt");
                entry.LastWriteTime = Time;
                using var s = entry.Open();
                s.Write(System.Text.Encoding.UTF8.GetBytes(text));
            }

            return memory.ToArray();
        }

        var left = Streamed("one\n");
        Assert.NotEqual(0, U16(left, 6) & 8);
        var result = Diff.Run(dir.Write("a.zip", left), dir.Write("b.zip", Streamed("two\n")));
        var text = Assert.Single(result.Root.All(), d => d.Kind == DifferenceKind.Text);
        Assert.Contains("+two", text.UnifiedDiff, StringComparison.Ordinal);
    }

    [Fact]
    public void Bzip2_entries_are_decompressed_or_reported_unreadable_by_method()
    {
        using var dir = new TempDir();
        foreach (var side in new[] { "a", "b" })
        {
            dir.Write($"{side}/x.txt", $"{side} side\n");
            Diff.Exec("zip", $"-q -X -Z bzip2 {dir.File(side + ".zip")} x.txt", dir.File(side));
        }

        var result = Diff.Run(dir.File("a.zip"), dir.File("b.zip"));
        var nodes = result.Root.All().ToList();
        Assert.True(
            nodes.Any(d => d.Kind == DifferenceKind.Text) ||
            nodes.Any(d => d.Comments.Any(c => c.Contains("compression method 12 (bzip2) not supported", StringComparison.Ordinal))));
    }

    [Fact]
    public void Archive_comment_and_trailing_data_are_archive_fields()
    {
        using var dir = new TempDir();
        dir.Write("src/x.txt", "x\n");
        File.SetLastWriteTimeUtc(dir.File("src/x.txt"), new DateTime(2024, 1, 2, 3, 4, 6, DateTimeKind.Utc));
        Diff.Exec("zip", $"-q -X {dir.File("a.zip")} x.txt", dir.File("src"));
        Diff.Exec("sh", $"-c \"cp {dir.File("a.zip")} {dir.File("b.zip")} && echo 'built by ci-42' | zip -q -z {dir.File("b.zip")} && printf junk >> {dir.File("b.zip")}\"");
        var result = Diff.Run(dir.File("a.zip"), dir.File("b.zip"));
        var root = result.Root!;
        Assert.Contains(root.Children, d => d.Field == "archive comment" && d.Left == "(none)" && d.Right == "built by ci-42");
        Assert.Contains(root.Children, d => d.Field == "data after the end record" && d.Left == "none" && d.Right == "4 bytes");
    }

    [Fact]
    public void Bytes_between_the_entries_and_the_central_directory_are_compared()
    {
        using var dir = new TempDir();
        byte[] WithBlock(string block)
        {
            var zip = BuildZip(new Entry("a.txt", "a\n"), new Entry("b.txt", "b\n"));
            var start = CentralHeaders(zip)[0];
            var inserted = System.Text.Encoding.ASCII.GetBytes(block);
            byte[] result = [.. zip[..start], .. inserted, .. zip[start..]];
            Put32(result, result.Length - 22 + 16, (uint)(start + inserted.Length));
            return result;
        }

        var result = Diff.Run(dir.Write("a.zip", WithBlock("signed by key one\n")), dir.Write("b.zip", WithBlock("signed by key two\n")));
        var text = Assert.Single(result.Root.All(), d => d.Kind == DifferenceKind.Text);
        Assert.EndsWith("::(data before the central directory)", text.Path1, StringComparison.Ordinal);
    }

    /// <summary>Makes ZipArchive stream its output, writing data descriptors after each entry.</summary>
    private sealed class WriteOnlyStream(Stream inner) : Stream
    {
        private long written;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => written;
            set => throw new NotSupportedException();
        }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            inner.Write(buffer, offset, count);
            written += count;
        }
    }
}

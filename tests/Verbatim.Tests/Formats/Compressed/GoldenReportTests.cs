using Verbatim.Tests.Support;

namespace Verbatim.Tests.Formats.Compressed;

public class GoldenReportTests
{
    [Fact]
    public void Gzip_with_another_mtime_and_a_changed_line_reads_as_expected()
    {
        using var dir = new TempDir();
        dir.Write("a/notes.txt", "alpha\nbeta\ngamma\n");
        dir.Write("b/notes.txt", "alpha\nbeta 2\ngamma\n");
        Fixtures.Sh(dir, "touch -d @1700000000 a/notes.txt && touch -d @1710000000 b/notes.txt && gzip a/notes.txt b/notes.txt");
        var text = Diff.Run(dir.File("a/notes.txt.gz"), dir.File("b/notes.txt.gz")).Text().Replace(dir.Path, "T", StringComparison.Ordinal);
        const string expected = """
            verbatim diff: 2 differences in 2 members; causes: embedded timestamp (1)
            --- T/a/notes.txt.gz
            +++ T/b/notes.txt.gz
            ├── mtime: 2023-11-14 22:13:20 UTC (1700000000) → 2024-03-09 16:00:00 UTC (1710000000)
            │   │ ⚑ cause: embedded timestamp — gzip recorded the input file's modification time (gzip -n, or a fixed time with touch/SOURCE_DATE_EPOCH, avoids it) (2023-11-14 22:13:20 UTC (1700000000) → 2024-03-09 16:00:00 UTC (1710000000))
            └── notes.txt [text]
                └── text differs
                    │ @@ -1,3 +1,3 @@
                    │  alpha
                    │ -beta
                    │ +beta 2
                    │  gamma

            """;
        Assert.Equal(expected.ReplaceLineEndings("\n"), text);
    }
}

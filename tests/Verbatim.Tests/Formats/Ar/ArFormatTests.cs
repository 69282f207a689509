using System.Text;
using Verbatim.Core.Model;
using Verbatim.Tests.Support;

namespace Verbatim.Tests.Formats.Ar;

public class ArFormatTests
{
    private static void Library(TempDir dir, string output, string flags, params (string Name, string Source)[] objects)
    {
        var names = new List<string>();
        foreach (var (name, source) in objects)
        {
            var c = dir.Write($"src-{output}/{name}.c", source);
            Diff.Exec("gcc", $"-c -o {dir.File($"src-{output}/{name}.o")} {c}");
            names.Add($"{name}.o");
        }

        Diff.Exec("ar", $"{flags} {dir.File(output)} {string.Join(' ', names)}", dir.File($"src-{output}"));
    }

    [Fact]
    public void Header_fields_are_decoded_with_causes()
    {
        using var dir = new TempDir();
        Library(dir, "a.a", "rcD", ("one", "int one(void) { return 1; }\n"));
        Library(dir, "b.a", "rcU", ("one", "int one(void) { return 1; }\n"));
        var result = Diff.Run(dir.File("a.a"), dir.File("b.a"));
        Assert.Equal("ar", result.Root!.Format);
        var mtime = result.Root.All().First(d => d.Field == "mtime" && d.Path1.EndsWith("::one.o", StringComparison.Ordinal));
        Assert.Equal("1970-01-01 00:00:00 UTC (0)", mtime.Left);
        Assert.Equal(CauseKind.Timestamp, Assert.Single(mtime.Causes).Kind);
        var mode = result.Root.All().First(d => d.Field == "mode" && d.Path1.EndsWith("::one.o", StringComparison.Ordinal));
        Assert.Equal("0644", mode.Left);
        Assert.Equal(CauseKind.Permissions, Assert.Single(mode.Causes).Kind);
    }

    [Fact]
    public void Symbol_table_is_a_listing_of_symbols_and_long_names_are_resolved()
    {
        using var dir = new TempDir();
        Library(dir, "a.a", "rcD", ("a_rather_long_object_name", "int one(void) { return 1; }\n"), ("two", "int two(void) { return 2; }\n"));
        Library(dir, "b.a", "rcD", ("a_rather_long_object_name", "int one(void) { return 1; }\nint three(void) { return 3; }\n"), ("two", "int two(void) { return 2; }\n"));
        var result = Diff.Run(dir.File("a.a"), dir.File("b.a"));
        var symbols = result.Root.All().Single(d => d.Kind == DifferenceKind.Text && d.Path1.EndsWith("::/ (symbol table)", StringComparison.Ordinal));
        Assert.Contains("+three  a_rather_long_object_name.o", symbols.UnifiedDiff, StringComparison.Ordinal);
        Assert.Contains(result.Root!.Children, d => d.Path1.EndsWith("::a_rather_long_object_name.o", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Root.Children, d => d.Path1.EndsWith("::two.o", StringComparison.Ordinal));
    }

    [Fact]
    public void Bsd_long_names_are_read_from_the_data()
    {
        using var dir = new TempDir();
        var result = Diff.Run(dir.Write("a.a", ArBytes.Build(("#1/20", "a_long_bsd_name.txt\0", "one\n"))), dir.Write("b.a", ArBytes.Build(("#1/20", "a_long_bsd_name.txt\0", "two\n"))));
        var member = Assert.Single(result.Root!.Children);
        Assert.EndsWith("::a_long_bsd_name.txt", member.Path1, StringComparison.Ordinal);
        Assert.Contains("-one", member.All().Single(d => d.Kind == DifferenceKind.Text).UnifiedDiff, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("truncated", 100)]
    [InlineData("bad ar header", 0)]
    [InlineData("absurd value in the ar header field 'size'", 1)]
    [InlineData("points outside the long-name table", 2)]
    public void Bad_input_is_reported_and_compared_as_bytes(string reason, int damage)
    {
        var good = ArBytes.Build(("x.txt/", "", "hello world\n"), ("y.txt/", "", "bye\n"));
        var bad = damage switch
        {
            0 => Damage(good, 8 + 58, (byte)'!'),
            1 => Damage(good, 8 + 48, (byte)'z'),
            2 => ArBytes.Build(("//", "", "long.txt/\n"), ("/99", "", "x")),
            _ => good[..damage],
        };
        using var dir = new TempDir();
        var result = Diff.Run(dir.Write("a.a", bad), dir.Write("b.a", good));
        var comments = result.Root.All().Where(d => d.Path1.EndsWith("::(unreadable rest)", StringComparison.Ordinal)).SelectMany(d => d.Comments).ToList();
        if (damage == 100)
        {
            // Truncated in the second member: the first is compared, the rest reported.
            Assert.Contains(comments, c => c.Contains(": unreadable after 1 member (truncated", StringComparison.Ordinal));
            return;
        }

        Assert.Contains(result.Root!.Comments, c => c.StartsWith("unreadable as ar", StringComparison.Ordinal) && c.Contains(reason, StringComparison.Ordinal));
    }

    private static byte[] Damage(byte[] bytes, int at, byte value)
    {
        var copy = (byte[])bytes.Clone();
        copy[at] = value;
        return copy;
    }
}

using Verbatim.Core.Model;
using Verbatim.Formats.Elf.Disassembly;
using Verbatim.Tests.Support;

namespace Verbatim.Tests.Formats.Elf;

public class ElfDisassemblyTests
{
    private const string Before = "int changed(int x) { return x * 3 + 1; }\nint later(int x) { return changed(x) + 7; }\nint main(int argc, char **argv) { (void)argv; return later(argc); }\n";
    private const string After = "int changed(int x) { return x * 5 - 2 + x / 7; }\nint later(int x) { return changed(x) + 7; }\nint added(int x) { return x ^ 0x5a; }\nint main(int argc, char **argv) { (void)argv; return later(argc) + added(argc); }\n";

    [Fact]
    public void A_changed_function_reads_as_instructions_and_a_moved_one_is_not_shown()
    {
        using var dir = new TempDir();
        var a = Gcc.Compile(dir.File("a"), Before, "a.out", "-O0", "-fno-inline");
        var b = Gcc.Compile(dir.File("a"), After, "b.out", "-O0", "-fno-inline");
        var result = Diff.Run(a, b);
        var text = result.Root.All().Single(d => d.Kind == DifferenceKind.Node && d.Path1.EndsWith("::.text", StringComparison.Ordinal));
        Assert.Equal(CodeComparer.Format, text.Format);

        var changed = text.Children.Single(c => c.Field == "function changed");
        Assert.Equal(DifferenceKind.Text, changed.Kind);
        Assert.Matches(@"\n[-+](imul|lea|add|sub|shl|sar|mov)\s", changed.UnifiedDiff);
        Assert.DoesNotContain("0x000", changed.UnifiedDiff, StringComparison.Ordinal);

        // `later` moved (the code before it grew) but calls `changed` by name: the same instructions, not shown.
        Assert.DoesNotContain(text.Children, c => c.Field == "function later");
        var main = text.Children.Single(c => c.Field == "function main");
        Assert.Contains("+call   added", main.UnifiedDiff, StringComparison.Ordinal);
        Assert.Contains(" call   later", main.UnifiedDiff, StringComparison.Ordinal);

        var added = text.Children.Single(c => c.Kind == DifferenceKind.Added);
        Assert.EndsWith("::.text::added", added.Path2, StringComparison.Ordinal);

        // Machine code never gets content causes (a time, a path) read into it.
        Assert.All(text.Children, c => Assert.Empty(c.Causes));
        Assert.Empty(text.Causes);
    }

    [Fact]
    public void A_stripped_file_is_one_range_with_calls_through_the_plt_by_name()
    {
        using var dir = new TempDir();
        var a = Gcc.Compile(dir.File("a"), Gcc.Program, "a.out", "-O1");
        var b = Gcc.Compile(dir.File("a"), Gcc.Program.Replace("return 0;", "puts(\"again\"); return 3;", StringComparison.Ordinal), "b.out", "-O1");
        Gcc.Run("strip", dir.Path, "-o", dir.File("a.stripped"), a);
        Gcc.Run("strip", dir.Path, "-o", dir.File("b.stripped"), b);
        var result = Diff.Run(dir.File("a.stripped"), dir.File("b.stripped"));
        var text = result.Root.All().Single(d => d.Kind == DifferenceKind.Node && d.Path1.EndsWith("::.text", StringComparison.Ordinal));
        Assert.Contains(text.Comments, c => c.Contains("no function symbols", StringComparison.Ordinal));
        var range = Assert.Single(text.Children);
        Assert.Equal("instructions (whole section)", range.Field);
        Assert.Contains("call   puts@plt", range.UnifiedDiff, StringComparison.Ordinal);
    }
}

using Verbatim.Core.Model;
using Verbatim.Formats.Bitcode;
using Verbatim.Formats.Engine;
using Verbatim.Tests.Support;

namespace Verbatim.Tests.Formats.Bitcode;

public class BitcodeFormatTests
{
    private static (string A, string B) Pair(TempDir dir)
    {
        dir.Write("a.ll", "define i32 @f(i32 %x) {\n  %y = add i32 %x, 1\n  ret i32 %y\n}\n");
        dir.Write("b.ll", "define i32 @f(i32 %x) {\n  %y = add i32 %x, 1700000000\n  ret i32 %y\n}\n");
        Diff.Exec("llvm-as", $"{dir.File("a.ll")} -o {dir.File("a.bc")}");
        Diff.Exec("llvm-as", $"{dir.File("b.ll")} -o {dir.File("b.bc")}");
        return (dir.File("a.bc"), dir.File("b.bc"));
    }

    [Fact]
    public void Bitcode_is_compared_as_its_ir_through_llvm_dis_without_causes()
    {
        using var dir = new TempDir();
        var (a, b) = Pair(dir);
        var result = Diff.Run(a, b);
        Assert.Equal("llvm-bitcode", result.Root!.Format);
        var ir = result.Root.All().Single(d => d.Kind == DifferenceKind.Text);
        Assert.Contains("+  %y = add i32 %x, 1700000000", ir.UnifiedDiff, StringComparison.Ordinal);
        Assert.Empty(result.Causes());
    }

    [Fact]
    public async Task Without_llvm_dis_the_report_says_it_is_not_installed()
    {
        using var dir = new TempDir();
        var (a, b) = Pair(dir);
        var engine = new DiffEngine(new FormatRegistry([new BitcodeFormat(null)]), new DiffOptions());
        var result = await engine.CompareAsync(a, b);
        Assert.Contains(BitcodeFormat.NotInstalled, result.Root!.Comments);
        Assert.Contains(result.Root.Children, d => d.Kind == DifferenceKind.Binary);
    }
}

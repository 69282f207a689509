using Verbatim.Core.Model;
using Verbatim.Formats.Elf;
using Verbatim.Tests.Support;

namespace Verbatim.Tests.Formats.Elf;

public class ElfGccTests
{
    private const string Stamped = "#include <stdio.h>\nconst char *stamp = \"built \" __DATE__ \" \" __TIME__ \" from \" __FILE__;\nint main(void) { puts(stamp); return 0; }\n";

    [Fact]
    public void Build_paths_and_dates_are_found_in_strings_and_dwarf()
    {
        using var dir = new TempDir();
        var a = Gcc.CompileAt(1700000000, dir.File("pkg-a"), Stamped, "a.out", "-g", "-O2", "-ffile-prefix-map=" + dir.File("pkg-a") + "=/build/pkg-a");
        var b = Gcc.CompileAt(1710000000, dir.File("pkg-b"), Stamped, "b.out", "-g", "-O2", "-ffile-prefix-map=" + dir.File("pkg-b") + "=/build/pkg-b");
        var result = Diff.Run(a, b);
        var nodes = result.Root.All().ToList();
        Assert.Equal("elf", result.Root!.Format);

        var rodata = nodes.Single(d => d.Kind == DifferenceKind.Node && d.Path1.EndsWith("::.rodata", StringComparison.Ordinal));
        var strings = Assert.Single(rodata.Children);
        Assert.Equal(DifferenceKind.Text, strings.Kind);
        Assert.Contains(strings.Causes, c => c.Kind == CauseKind.Timestamp && c.Left!.Contains("2023", StringComparison.Ordinal) && c.Right!.Contains("2024", StringComparison.Ordinal));
        Assert.Contains(strings.Causes, c => c.Kind == CauseKind.BuildPath && c.Left!.Contains("/build/pkg-a", StringComparison.Ordinal));

        var compDir = nodes.Single(d => d.Field?.EndsWith("comp_dir", StringComparison.Ordinal) == true);
        Assert.Equal("/build/pkg-a", compDir.Left);
        Assert.Equal("/build/pkg-b", compDir.Right);
        Assert.Equal(CauseKind.BuildPath, Assert.Single(compDir.Causes).Kind);
    }

    [Fact]
    public void Only_the_build_id_differs_is_explained_on_the_elf_node()
    {
        using var dir = new TempDir();
        var a = Gcc.Compile(dir.File("a"), Gcc.Program, "a.out", "-O2", "-Wl,--build-id=0x0123456789abcdef");
        var b = Gcc.Compile(dir.File("b"), Gcc.Program, "b.out", "-O2", "-Wl,--build-id=0xfedcba9876543210");
        AssertOnlyBuildId(Diff.Run(a, b));

        Gcc.Run("strip", dir.Path, "-o", dir.File("a.stripped"), a);
        Gcc.Run("strip", dir.Path, "-o", dir.File("b.stripped"), b);
        AssertOnlyBuildId(Diff.Run(dir.File("a.stripped"), dir.File("b.stripped")));
    }

    private static void AssertOnlyBuildId(Verbatim.Formats.Engine.DiffResult result)
    {
        var root = result.Root!;
        var why = Assert.Single(root.Causes);
        Assert.Equal(CauseKind.BuildId, why.Kind);
        Assert.Equal(ElfSummary.BuildIdOnly, why.Explanation);
        Assert.Equal("0123456789abcdef", why.Left);
        Assert.Equal("fedcba9876543210", why.Right);
        var note = Assert.Single(root.Children);
        Assert.EndsWith("::.note.gnu.build-id", note.Path1, StringComparison.Ordinal);
        var field = Assert.Single(note.Children);
        Assert.Equal("build-id", field.Field);
        Assert.Equal(CauseKind.BuildId, Assert.Single(field.Causes).Kind);
    }

    [Fact]
    public void A_different_compiler_in_comment_names_both_versions()
    {
        using var dir = new TempDir();
        var built = Gcc.Compile(dir.File("src"), Gcc.Program, "hello", "-O2");
        File.WriteAllText(dir.File("c10"), "GCC: (Debian 12.2.0-10) 12.2.0\0");
        File.WriteAllText(dir.File("c14"), "GCC: (Debian 12.2.0-14) 12.2.0\0");
        Gcc.Run("objcopy", dir.Path, "--update-section", ".comment=" + dir.File("c10"), built, dir.File("a"));
        Gcc.Run("objcopy", dir.Path, "--update-section", ".comment=" + dir.File("c14"), built, dir.File("b"));
        var result = Diff.Run(dir.File("a"), dir.File("b"));
        var comment = result.Root.All().Single(d => d.Kind == DifferenceKind.Node && d.Path1.EndsWith("::.comment", StringComparison.Ordinal));
        var cause = comment.Children.SelectMany(c => c.Causes).First(c => c.Kind == CauseKind.ToolchainVersion);
        Assert.Equal("GCC: (Debian 12.2.0-10) 12.2.0", cause.Left);
        Assert.Equal("GCC: (Debian 12.2.0-14) 12.2.0", cause.Right);
        Assert.Empty(result.Root!.Causes);
    }

    [Theory]
    [InlineData("zlib")]
    [InlineData("zlib-gnu")]
    public void Producer_difference_is_found_inside_compressed_debug_info(string compression)
    {
        using var dir = new TempDir();
        var a = Gcc.Compile(dir.File("a"), Gcc.Program, "a.out", "-g", "-O2");
        var b = Gcc.Compile(dir.File("b"), Gcc.Program, "b.out", "-g", "-O1");
        Gcc.Run("objcopy", dir.Path, "--only-keep-debug", "--compress-debug-sections=" + compression, a, dir.File("a.debug"));
        Gcc.Run("objcopy", dir.Path, "--only-keep-debug", "--compress-debug-sections=" + compression, b, dir.File("b.debug"));
        var result = Diff.Run(dir.File("a.debug"), dir.File("b.debug"));
        var producer = result.Root.All().Single(d => d.Field?.EndsWith("producer", StringComparison.Ordinal) == true);
        Assert.Contains("-O2", producer.Left, StringComparison.Ordinal);
        Assert.Contains("-O1", producer.Right, StringComparison.Ordinal);
        var cause = Assert.Single(producer.Causes);
        Assert.Equal(CauseKind.ToolchainVersion, cause.Kind);
        Assert.StartsWith("GNU C17 12", cause.Left, StringComparison.Ordinal);
        Assert.Contains(result.Root!.Causes, c => c.Kind == CauseKind.ToolchainVersion && c.Left == producer.Left && c.Right == producer.Right);
    }

    [Fact]
    public void Recompressed_sections_with_the_same_contents_are_a_compression_difference()
    {
        using var dir = new TempDir();
        var a = Gcc.Compile(dir.File("a"), Gcc.Program, "a.out", "-g", "-O2");
        Gcc.Run("objcopy", dir.Path, "--compress-debug-sections=zlib", a, dir.File("z"));
        Gcc.Run("objcopy", dir.Path, "--compress-debug-sections=zlib-gnu", a, dir.File("zg"));
        var result = Diff.Run(dir.File("z"), dir.File("zg"));
        var info = result.Root.All().Single(d => d.Kind == DifferenceKind.Node && d.Path1.EndsWith("::.debug_info", StringComparison.Ordinal));
        Assert.Equal(CauseKind.Compression, Assert.Single(Assert.Single(info.Children).Causes).Kind);
    }

    [Fact]
    public void An_extra_function_shows_in_the_symbol_listing()
    {
        using var dir = new TempDir();
        var a = Gcc.Compile(dir.File("a"), Gcc.Program, "a.out", "-O0");
        var b = Gcc.Compile(dir.File("a"), Gcc.Program + "int extra_function(int x) { return x + 1; }\n", "b.out", "-O0");
        var result = Diff.Run(a, b);
        var symtab = result.Root.All().Single(d => d.Kind == DifferenceKind.Node && d.Path1.EndsWith("::.symtab", StringComparison.Ordinal));
        var listing = Assert.Single(symtab.Children);
        Assert.Equal("symbols", listing.Field);
        Assert.Matches(@"\n\+extra_function \| FUNC GLOBAL DEFAULT \| \.text \| \d+ \| 0x[0-9a-f]+\n", listing.UnifiedDiff);
    }

    [Fact]
    public void A_different_runpath_is_a_build_path()
    {
        using var dir = new TempDir();
        var a = Gcc.Compile(dir.File("a"), Gcc.Program, "a.out", "-Wl,-rpath,/build/pkg-a/lib", "-Wl,--enable-new-dtags");
        var b = Gcc.Compile(dir.File("a"), Gcc.Program, "b.out", "-Wl,-rpath,/build/pkg-b/lib", "-Wl,--enable-new-dtags");
        var result = Diff.Run(a, b);
        var dynamic = result.Root.All().Single(d => d.Field == "dynamic entries");
        var cause = dynamic.Causes[0];
        Assert.Equal(CauseKind.BuildPath, cause.Kind);
        Assert.Equal("RUNPATH /build/pkg-a/lib", cause.Left);
        Assert.Equal("RUNPATH /build/pkg-b/lib", cause.Right);
    }
}

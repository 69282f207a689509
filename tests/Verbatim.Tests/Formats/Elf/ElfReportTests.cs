using System.Diagnostics;
using Verbatim.Core.Model;
using Verbatim.Formats.Elf;
using Verbatim.Tests.Support;

namespace Verbatim.Tests.Formats.Elf;

public class ElfReportTests
{
    [Fact]
    public void Golden_report_for_a_stripped_binary_differing_only_in_its_build_id()
    {
        using var dir = new TempDir();
        var a = Gcc.Compile(dir.File("a"), Gcc.Program, "a.full", "-O2", "-Wl,--build-id=0x0123456789abcdef");
        var b = Gcc.Compile(dir.File("b"), Gcc.Program, "b.full", "-O2", "-Wl,--build-id=0xfedcba9876543210");
        Gcc.Run("strip", dir.Path, "-o", dir.File("hello-a"), a);
        Gcc.Run("strip", dir.Path, "-o", dir.File("hello-b"), b);
        var text = Diff.Run(dir.File("hello-a"), dir.File("hello-b")).Text().Replace(dir.Path, "/tmp", StringComparison.Ordinal);
        const string expected = """
            verbatim diff: 1 difference in 1 member; causes: build-id (2)
            --- /tmp/hello-a
            +++ /tmp/hello-b
            │ ⚑ cause: build-id — the build-id differs while every other section is identical: the difference lies in what the build-id hashes but this file does not ship (toolchain identification, debug information) (0123456789abcdef → fedcba9876543210)
            └── .note.gnu.build-id [elf-notes]
                └── build-id: 0123456789abcdef → fedcba9876543210
                    │ ⚑ cause: build-id — the GNU build-id differs: it is a hash the linker computes over the output, so it follows any other change (0123456789abcdef → fedcba9876543210)

            """;
        Assert.Equal(expected, text);
    }

    [Fact]
    public void Debug_link_crc_of_another_debug_file_still_leaves_only_the_build_id()
    {
        // Like Debian's hello rebuilt with another gcc: the stripped binaries differ in the build-id, and in the CRC of
        // their debug files (which hold the differing compiler identification).
        using var dir = new TempDir();
        var a = Gcc.Compile(dir.File("a"), Gcc.Program, "a.full", "-g", "-O2", "-Wl,--build-id=0x0123456789abcdef");
        var b = Gcc.Compile(dir.File("b"), Gcc.Program, "b.full", "-g", "-O2", "-Wl,--build-id=0xfedcba9876543210");
        foreach (var (full, side) in new[] { (a, "a"), (b, "b") })
        {
            Directory.CreateDirectory(dir.File($"{side}/dbg"));
            Gcc.Run("objcopy", dir.Path, "--only-keep-debug", "--compress-debug-sections=zlib", full, dir.File($"{side}/dbg/hello.debug"));
            Gcc.Run("strip", dir.Path, "--remove-section=.comment", "-o", dir.File($"{side}/hello"), full);
            Gcc.Run("objcopy", dir.File($"{side}/dbg"), "--add-gnu-debuglink=hello.debug", dir.File($"{side}/hello"));
        }

        var result = Diff.Run(dir.File("a/hello"), dir.File("b/hello"));
        var why = Assert.Single(result.Root!.Causes);
        Assert.Equal(ElfSummary.BuildIdOnly, why.Explanation);
        var crc = result.Root.All().Single(d => d.Field == "debug file CRC-32");
        Assert.Equal(CauseKind.EmbeddedHash, Assert.Single(crc.Causes).Kind);
    }

    [Fact]
    public void A_large_file_with_one_changed_section_is_compared_quickly()
    {
        using var dir = new TempDir();
        var built = Gcc.Compile(dir.File("src"), Gcc.Program, "hello", "-O2");
        var blob = new byte[40 << 20];
        new Random(7).NextBytes(blob);
        for (var i = 0; i < blob.Length; i += 64)
        {
            "a printable string in a large data section\0"u8.CopyTo(blob.AsSpan(i));
        }

        File.WriteAllBytes(dir.File("blob"), blob);
        File.WriteAllText(dir.File("c10"), "GCC: (Debian 12.2.0-10) 12.2.0\0");
        File.WriteAllText(dir.File("c14"), "GCC: (Debian 12.2.0-14) 12.2.0\0");
        Gcc.Run("objcopy", dir.Path, "--add-section", ".data.blob=" + dir.File("blob"), "--update-section", ".comment=" + dir.File("c10"), built, dir.File("a"));
        Gcc.Run("objcopy", dir.Path, "--add-section", ".data.blob=" + dir.File("blob"), "--update-section", ".comment=" + dir.File("c14"), built, dir.File("b"));
        Diff.Run(dir.File("a"), dir.File("b"));
        var clock = Stopwatch.StartNew();
        var result = Diff.Run(dir.File("a"), dir.File("b"));
        clock.Stop();
        Assert.True(new FileInfo(dir.File("a")).Length > 40 << 20);
        Assert.DoesNotContain(result.Root.All(), d => d.Path1.EndsWith("::.data.blob", StringComparison.Ordinal));
        Assert.Contains(result.Causes(), c => c.Kind == CauseKind.ToolchainVersion);
        Assert.True(clock.ElapsedMilliseconds < 1000, $"took {clock.ElapsedMilliseconds} ms");
    }
}

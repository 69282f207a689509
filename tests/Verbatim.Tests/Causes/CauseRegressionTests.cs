using System.IO.Compression;
using System.Text;
using Verbatim.Core.Causes;
using Verbatim.Core.Model;
using Verbatim.Tests.Support;

namespace Verbatim.Tests.Causes;

/// <summary>The false causes reported in issue 7, one case each, and the true ones next to them.</summary>
public class CauseRegressionTests
{
    [Theory]
    [InlineData("// see https://github.com/lodash/lodash/tree/4.17.20/doc", "// see https://github.com/lodash/lodash/tree/4.17.21/doc")]
    [InlineData("from https://hg.mozilla.org/mozilla-central/file/5f1b3c2a/js/src/x.js", "from https://hg.mozilla.org/mozilla-central/file/9e8d7c6b/js/src/x.js")]
    [InlineData("Go build ID: \"Xk3_abcDEF/def123GHIj/ghi456KLmn/jkl789OPqr\"", "Go build ID: \"Yz9_qwePOI/ab12cdEFgh/zx98cvBNma/mn34bvCXzq\"")]
    [InlineData("Target=\"/package/services/metadata/core-properties/0d1a2b3c4d5e4f60.psmdcp\"", "Target=\"/package/services/metadata/core-properties/9f8e7d6c5b4a3f21.psmdcp\"")]
    [InlineData("/usr/lib/python3.11/site-packages/foo/__init__.py", "/usr/lib/python3.12/site-packages/foo/__init__.py")]
    [InlineData(" -- John Roe <john@debian.org>  Tue, 14 Nov 2023 22:13:20 +0000", " -- Jane Doe <jane@example.org>  Tue, 14 Nov 2023 22:13:20 +0000")]
    [InlineData("int_curr_symbol \"HRK \" % 2022-07-01", "int_curr_symbol \"EUR \" % 2023-01-01")]
    public void Real_changes_get_no_cause(string left, string right) =>
        Assert.Empty(ContentCauses.Classify(left, right));

    [Theory]
    [InlineData("prefix=/build/foo-Ab3xQz/debian/tmp/usr", "prefix=/build/foo-Zq81Lm/debian/tmp/usr", CauseKind.BuildPath)]
    [InlineData("-I/tmp/build-a1/include -I/tmp/build-a1/src", "-I/tmp/build-b2/include -I/tmp/build-b2/src", CauseKind.BuildPath)]
    [InlineData("compiled by buildd@x86-grnet-01", "compiled by buildd@arm-conova-02", CauseKind.HostOrUser)]
    [InlineData("built Nov 14 2023 22:13:20", "built Mar 12 2024 16:00:17", CauseKind.Timestamp)]
    [InlineData("hello, built Tue Jan 10 2023 10:00:00", "hello, built Mon Dec 01 2026 11:00:00", CauseKind.Timestamp)] // JavaScript's Date string
    [InlineData("SOURCE_DATE_EPOCH=1700000000", "SOURCE_DATE_EPOCH=1710259217", CauseKind.Timestamp)]
    public void Build_causes_in_text_are_found(string left, string right, CauseKind kind) =>
        Assert.Equal(kind, Assert.Single(ContentCauses.Classify(left, right)).Kind);

    [Fact]
    public void A_build_path_needs_one_prefix_replaced_consistently()
    {
        Assert.Empty(ContentCauses.Classify("/build/a-1/src/x.c /build/a-1/src/y.c", "/build/b-2/src/x.c /build/c-3/src/y.c"));
        Assert.Empty(ContentCauses.Classify("10000000 1700000000", "10000000 1710259217"));
    }

    [Fact]
    public void A_uuid_the_other_side_also_holds_is_not_a_random_identifier()
    {
        const string u1 = "1b4e28ba-2fa1-11d2-883f-0016d3cca427";
        const string u2 = "6fa459ea-ee8a-3ca4-894e-db77e160355e";
        var left = $"add(\"{u1}\", open);\nadd(\"{u2}\", close);\n";
        var right = $"add(\"{u2}\", open);\nadd(\"{u1}\", close);\n";
        Assert.Empty(ContentCauses.ClassifyLines(left.Split('\n')[..2], right.Split('\n')[..2], left, right));
        var fresh = ContentCauses.ClassifyLines([$"id = {u1}"], ["id = 9a1c7b7e-2d5e-4c3a-8f11-6b7d2e0c4a55"], $"id = {u1}\n", "id = 9a1c7b7e-2d5e-4c3a-8f11-6b7d2e0c4a55\n");
        Assert.Equal(CauseKind.RandomId, Assert.Single(fresh).Kind);
    }

    [Fact]
    public void A_change_with_an_unexplained_line_keeps_no_cause()
    {
        // A date changed on one line, the currency on the next: the node is a real change.
        Assert.Empty(ContentCauses.ClassifyLines(["% Revision: 2022-07-01", "int_curr_symbol \"HRK \""], ["% Revision: 2023-01-01", "int_curr_symbol \"EUR \""]));
        Assert.Empty(ContentCauses.ClassifyLines(["entry 5"], []));
        Assert.Equal(CauseKind.Timestamp, Assert.Single(ContentCauses.ClassifyLines(["% Revision: 2022-07-01"], ["% Revision: 2023-01-01"])).Kind);
    }

    [Fact]
    public void A_time_read_from_code_is_only_a_candidate_and_is_dropped_without_a_clock_reading()
    {
        // lea rax, [rip+disp32]: displacements 0x488d0c8f and 0x488d0cbf read as times in 2008.
        byte[] left = [0x90, 0x90, 0x48, 0x8d, 0x05, 0x8f, 0x0c, 0x8d, 0x48, 0xc3, 0x90, 0x90];
        byte[] right = [0x90, 0x90, 0x48, 0x8d, 0x05, 0xbf, 0x0c, 0x8d, 0x48, 0xc3, 0x90, 0x90];
        var found = ContentCauses.ClassifyBytes(left, right, 5, 1);
        Assert.All(found, c => Assert.True(c.Unconfirmed));
        var node = new Difference { Path1 = "a::.text", Path2 = "b::.text", Kind = DifferenceKind.Binary, Causes = found };
        var root = new Difference { Path1 = "a", Path2 = "b", Kind = DifferenceKind.Node, Children = [node] };
        Assert.Empty(CauseEvidence.Resolve(root)!.Children[0].Causes);

        // A relocation's 16-bit value 0x0820 → 0x0830 (2080 → 2096) is not a year either.
        Assert.Empty(ContentCauses.ClassifyBytes([0, 0, 0x20, 0x08, 0, 0], [0, 0, 0x30, 0x08, 0, 0], 2, 1));
    }

    [Fact]
    public void A_binary_time_is_kept_when_the_pair_shows_the_same_clock_difference()
    {
        var l = BitConverter.GetBytes(1700000000u);
        var r = BitConverter.GetBytes(1710259217u);
        byte[] left = [0, 0, 0, 0, .. l, 0, 0, 0, 0];
        byte[] right = [0, 0, 0, 0, .. r, 0, 0, 0, 0];
        var candidate = Assert.Single(ContentCauses.ClassifyBytes(left, right, 4, 3));
        var mtime = Difference.ForField("a::f", "b::f", "mtime", Timestamps.Describe(1700000100), Timestamps.Describe(1710259317),
            new Cause(CauseKind.Timestamp, "mtime", Timestamps.Describe(1700000100), Timestamps.Describe(1710259317)));
        var bytes = new Difference { Path1 = "a::f", Path2 = "b::f", Kind = DifferenceKind.Binary, Causes = [candidate] };
        var root = CauseEvidence.Resolve(new Difference { Path1 = "a", Path2 = "b", Kind = DifferenceKind.Node, Children = [mtime, bytes] })!;
        var kept = Assert.Single(root.Children[1].Causes);
        Assert.False(kept.Unconfirmed);
        Assert.Equal(CauseKind.Timestamp, kept.Kind);
    }

    [Fact]
    public void Proc_files_copied_are_not_explained_by_a_host_name()
    {
        using var dir = new TempDir();
        var a = dir.Write("cpuinfo", File.ReadAllText("/proc/cpuinfo"));
        var b = dir.Write("version", File.ReadAllText("/proc/version"));
        Assert.Empty(Diff.Run(a, b).Causes());
    }

    [Fact]
    public void Json_that_gained_keys_is_not_explained_by_member_order()
    {
        using var dir = new TempDir();
        var a = dir.Write("a.json", "{\"b\": 1, \"a\": 2}");
        var b = dir.Write("b.json", "{\"a\": 2, \"b\": 1, " + string.Join(", ", Enumerable.Range(0, 84).Select(i => $"\"k{i}\": {i}")) + "}");
        Assert.DoesNotContain(Diff.Run(a, b).Causes(), c => c.Kind == CauseKind.MemberOrder);
        var c = dir.Write("c.json", "{\"a\": 2, \"b\": 1}");
        Assert.Contains(Diff.Run(a, c).Causes(), x => x.Kind == CauseKind.MemberOrder);
    }

    [Fact]
    public void A_file_that_lost_a_line_is_not_the_same_lines_in_another_order()
    {
        using var dir = new TempDir();
        var a = dir.Write("a.txt", "one\ntwo\nthree\nfour\n");
        var b = dir.Write("b.txt", "one\nthree\nfour\n");
        Assert.Empty(Diff.Run(a, b).Causes());
    }

    [Fact]
    public void A_zip_member_whose_content_changed_gets_no_compression_cause()
    {
        using var dir = new TempDir();
        var a = Zip(dir.File("a.zip"), "same line\n", "one\n");
        var b = Zip(dir.File("b.zip"), "same line\n", "one\ntwo and more text\n");
        var result = Diff.Run(a, b);
        Assert.DoesNotContain(result.Causes(), c => c.Kind == CauseKind.Compression);
        Assert.Contains(result.Root.All(), d => d.Field == "compressed size");

        static string Zip(string path, string first, string second)
        {
            using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
            foreach (var (name, text) in new[] { ("first.txt", first), ("second.txt", second) })
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                entry.LastWriteTime = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
                using var stream = entry.Open();
                stream.Write(Encoding.UTF8.GetBytes(text));
            }

            return path;
        }
    }
}

using Verbatim.Core.Model;
using Verbatim.Tests.Support;

namespace Verbatim.Tests.Formats.Pe;

public class PeAssemblyTests
{
    private const string Source = """
        using System;
        [assembly: System.Reflection.AssemblyVersion("1.2.3.4")]
        [assembly: System.Reflection.AssemblyInformationalVersion("1.2.3+0123abc")]
        namespace Demo;
        public class Greeter
        {
            public string Name { get; set; } = "world";
            public string Greet() => "Hello, " + Name;
            public int Answer() => 42;
        }
        """;

    [Fact]
    public void Non_deterministic_compiles_differ_in_the_mvid_as_a_random_id()
    {
        using var dir = new TempDir();
        var a = dir.Write("a.dll", CSharpBuild.Compile(Source, deterministic: false));
        var b = dir.Write("b.dll", CSharpBuild.Compile(Source, deterministic: false));
        var result = Diff.Run(a, b);
        var nodes = result.Root.All().ToList();
        var mvid = Assert.Single(nodes, d => d.Field == "module MVID");
        Assert.Equal(CauseKind.RandomId, Assert.Single(mvid.Causes).Kind);
        Assert.Contains("unless compiled with /deterministic", mvid.Causes[0].Explanation, StringComparison.Ordinal);
        Assert.All(nodes.Where(d => d.Field == "COFF TimeDateStamp"), d => Assert.Equal(CauseKind.Timestamp, d.Causes[0].Kind));
        Assert.Equal("pe", result.Root!.Format);
        Assert.DoesNotContain(nodes, d => d.Field?.StartsWith("method ", StringComparison.Ordinal) == true);
        Assert.DoesNotContain(nodes, d => d.Kind == DifferenceKind.Binary);
    }

    [Fact]
    public void Deterministic_compiles_of_the_same_source_are_identical()
    {
        using var dir = new TempDir();
        var a = dir.Write("a.dll", CSharpBuild.Compile(Source));
        var b = dir.Write("b.dll", CSharpBuild.Compile(Source));
        Assert.True(Diff.Run(a, b).Identical);
    }

    [Fact]
    public void A_changed_method_body_shows_the_il_diff_of_that_method_only()
    {
        using var dir = new TempDir();
        var a = dir.Write("a.dll", CSharpBuild.Compile(Source));
        var b = dir.Write("b.dll", CSharpBuild.Compile(Source.Replace("=> 42", "=> 43", StringComparison.Ordinal)));
        var result = Diff.Run(a, b);
        var nodes = result.Root.All().ToList();
        var method = Assert.Single(nodes, d => d.Field?.StartsWith("method ", StringComparison.Ordinal) == true);
        Assert.Equal("method Demo.Greeter::instance int32 Answer() differs", $"{method.Field} differs");
        Assert.Contains("-  IL_0000: ldc.i4.s 42", method.UnifiedDiff, StringComparison.Ordinal);
        Assert.Contains("+  IL_0000: ldc.i4.s 43", method.UnifiedDiff, StringComparison.Ordinal);
        var mvid = Assert.Single(nodes, d => d.Field == "module MVID");
        Assert.Equal(CauseKind.EmbeddedHash, mvid.Causes[0].Kind);
        Assert.DoesNotContain(nodes, d => d.Field?.StartsWith("type ", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void A_changed_string_literal_shows_in_the_method_and_the_user_strings()
    {
        using var dir = new TempDir();
        var a = dir.Write("a.dll", CSharpBuild.Compile(Source));
        var b = dir.Write("b.dll", CSharpBuild.Compile(Source.Replace("Hello, ", "Goodbye, ", StringComparison.Ordinal)));
        var result = Diff.Run(a, b);
        var nodes = result.Root.All().ToList();
        var method = Assert.Single(nodes, d => d.Field == "method Demo.Greeter::instance string Greet()");
        Assert.Contains("-  IL_0000: ldstr \"Hello, \"", method.UnifiedDiff, StringComparison.Ordinal);
        Assert.Contains("+  IL_0000: ldstr \"Goodbye, \"", method.UnifiedDiff, StringComparison.Ordinal);
        var strings = Assert.Single(nodes, d => d.Field == "user strings");
        Assert.Contains("+\"Goodbye, \"", strings.UnifiedDiff, StringComparison.Ordinal);
    }

    [Fact]
    public void Assembly_version_and_informational_version_are_fields_with_causes()
    {
        using var dir = new TempDir();
        var a = dir.Write("a.dll", CSharpBuild.Compile(Source));
        var changed = Source.Replace("1.2.3.4", "1.2.3.5", StringComparison.Ordinal).Replace("+0123abc", "+4567def", StringComparison.Ordinal);
        var b = dir.Write("b.dll", CSharpBuild.Compile(changed));
        var nodes = Diff.Run(a, b).Root.All().ToList();
        var version = Assert.Single(nodes, d => d.Field == "assembly version");
        Assert.Equal(("1.2.3.4", "1.2.3.5"), (version.Left, version.Right));
        var informational = Assert.Single(nodes, d => d.Field == "assembly attribute System.Reflection.AssemblyInformationalVersionAttribute");
        Assert.Equal("(\"1.2.3+0123abc\")", informational.Left);
        var cause = Assert.Single(informational.Causes, c => c.Kind == CauseKind.EmbeddedHash);
        Assert.Equal(("0123abc", "4567def"), (cause.Left, cause.Right));
    }

    [Fact]
    public void Embedded_pdb_with_other_source_paths_reports_the_build_path()
    {
        using var dir = new TempDir();
        var a = dir.Write("a.dll", CSharpBuild.Compile(Source, sourcePath: "/build/one/src/Program.cs"));
        var b = dir.Write("b.dll", CSharpBuild.Compile(Source, sourcePath: "/build/two/src/Program.cs"));
        var result = Diff.Run(a, b);
        var nodes = result.Root.All().ToList();
        var pdb = Assert.Single(nodes, d => d.Format == "portable-pdb");
        Assert.EndsWith("a.dll::embedded portable PDB", pdb.Path1, StringComparison.Ordinal);
        var documents = Assert.Single(pdb.Children, d => d.Field == "documents");
        var cause = documents.Causes[0];
        Assert.Equal(CauseKind.BuildPath, cause.Kind);
        Assert.Equal(("/build/one", "/build/two"), (cause.Left, cause.Right));
        Assert.Contains(result.Causes(), c => c.Kind == CauseKind.EmbeddedHash);
    }

    [Fact]
    public void A_changed_resource_is_compared_as_a_member()
    {
        using var dir = new TempDir();
        var a = dir.Write("a.dll", CSharpBuild.Compile(Source, resources: [("notes.txt", "built on 2024-01-01\nsame\n"u8.ToArray())]));
        var b = dir.Write("b.dll", CSharpBuild.Compile(Source, resources: [("notes.txt", "built on 2025-02-02\nsame\n"u8.ToArray())]));
        var result = Diff.Run(a, b);
        var resource = Assert.Single(result.Root.All(), d => d.Kind == DifferenceKind.Node && d.Path1.EndsWith("a.dll::notes.txt", StringComparison.Ordinal));
        var text = Assert.Single(resource.All(), d => d.Kind == DifferenceKind.Text);
        Assert.Contains("-built on 2024-01-01", text.UnifiedDiff, StringComparison.Ordinal);
        Assert.Contains(text.Causes, c => c.Kind == CauseKind.Timestamp);
    }

    [Fact]
    public void An_added_resource_is_reported_as_added()
    {
        using var dir = new TempDir();
        var a = dir.Write("a.dll", CSharpBuild.Compile(Source));
        var b = dir.Write("b.dll", CSharpBuild.Compile(Source, resources: [("extra.bin", [1, 2, 3])]));
        var nodes = Diff.Run(a, b).Root.All().ToList();
        Assert.Contains(nodes, d => d.Kind == DifferenceKind.Added && d.Path2.EndsWith("b.dll::extra.bin", StringComparison.Ordinal));
    }

    [Fact]
    public void A_new_method_shows_in_the_type_and_as_an_added_method()
    {
        using var dir = new TempDir();
        var a = dir.Write("a.dll", CSharpBuild.Compile(Source));
        var b = dir.Write("b.dll", CSharpBuild.Compile(Source.Replace("public int Answer()", "public int Twice(int x) => x * 2;\n    public int Answer()", StringComparison.Ordinal)));
        var nodes = Diff.Run(a, b).Root.All().ToList();
        var type = Assert.Single(nodes, d => d.Field == "type Demo.Greeter");
        Assert.Contains("+  .method", type.UnifiedDiff, StringComparison.Ordinal);
        var method = Assert.Single(nodes, d => d.Field == "method Demo.Greeter::instance int32 Twice(int32)");
        Assert.Contains("+  IL_0001: ldc.i4.2", method.UnifiedDiff, StringComparison.Ordinal);
        Assert.DoesNotContain(nodes, d => d.Field == "method Demo.Greeter::instance int32 Answer()");
    }

    [Fact]
    public void A_different_codeview_guid_in_a_non_deterministic_build_is_a_random_id()
    {
        using var dir = new TempDir();
        var image = CSharpBuild.Compile(Source, deterministic: false);
        var a = dir.Write("a.dll", image);
        var rsds = image.AsSpan().IndexOf("RSDS"u8);
        image[rsds + 4] ^= 0xFF;
        var b = dir.Write("b.dll", image);
        var nodes = Diff.Run(a, b).Root.All().ToList();
        var id = Assert.Single(nodes, d => d.Field == "CodeView PDB id");
        Assert.Equal(CauseKind.RandomId, Assert.Single(id.Causes).Kind);
        Assert.Contains("unless compiled with /deterministic", id.Causes[0].Explanation, StringComparison.Ordinal);
    }
}

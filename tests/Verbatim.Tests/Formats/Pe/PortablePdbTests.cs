using Microsoft.CodeAnalysis.CSharp;
using Verbatim.Core.Model;
using Verbatim.Tests.Support;

namespace Verbatim.Tests.Formats.Pe;

public class PortablePdbTests
{
    private const string Source = "namespace Demo; public class C { public int M(int x) => x + 1; }";

    [Fact]
    public void Standalone_pdbs_built_in_other_directories_differ_in_documents_and_id()
    {
        var one = CSharpBuild.CompileWithPdb(Source, "/build/one/src/C.cs");
        var two = CSharpBuild.CompileWithPdb(Source, "/build/two/src/C.cs");
        using var dir = new TempDir();
        var result = Diff.Run(dir.Write("a.pdb", one.Pdb), dir.Write("b.pdb", two.Pdb));
        Assert.Equal("pe", result.Root!.Format);
        var nodes = result.Root.All().ToList();
        var documents = Assert.Single(nodes, d => d.Field == "documents");
        Assert.Equal(new Cause(CauseKind.BuildPath, documents.Causes[0].Explanation, "/build/one", "/build/two"), documents.Causes[0]);
        Assert.Single(nodes, d => d.Field == "PDB id");
    }

    [Fact]
    public void The_pdb_path_in_the_codeview_entry_is_a_build_path()
    {
        var one = CSharpBuild.CompileWithPdb(Source, "/build/one/src/C.cs");
        var two = CSharpBuild.CompileWithPdb(Source, "/build/two/src/C.cs");
        using var dir = new TempDir();
        var nodes = Diff.Run(dir.Write("a.dll", one.Image), dir.Write("b.dll", two.Image)).Root.All().ToList();
        var path = Assert.Single(nodes, d => d.Field == "CodeView PDB path");
        Assert.Equal(("/build/one/src/C.pdb", "/build/two/src/C.pdb"), (path.Left, path.Right));
        Assert.Equal(CauseKind.BuildPath, path.Causes[0].Kind);
    }

    [Fact]
    public void A_different_language_version_is_a_toolchain_version()
    {
        var one = CSharpBuild.CompileWithPdb(Source, "/src/C.cs", LanguageVersion.CSharp12);
        var two = CSharpBuild.CompileWithPdb(Source, "/src/C.cs", LanguageVersion.CSharp13);
        using var dir = new TempDir();
        var nodes = Diff.Run(dir.Write("a.pdb", one.Pdb), dir.Write("b.pdb", two.Pdb)).Root.All().ToList();
        var option = Assert.Single(nodes, d => d.Field == "compilation option language-version");
        Assert.Equal(("12.0", "13.0"), (option.Left, option.Right));
        var cause = Assert.Single(option.Causes);
        Assert.Equal((CauseKind.ToolchainVersion, "12.0", "13.0"), (cause.Kind, cause.Left, cause.Right));
    }

    [Fact]
    public void A_changed_source_line_shows_in_sequence_points_and_document_hash()
    {
        var one = CSharpBuild.CompileWithPdb(Source, "/src/C.cs");
        var two = CSharpBuild.CompileWithPdb("\n" + Source, "/src/C.cs");
        using var dir = new TempDir();
        var nodes = Diff.Run(dir.Write("a.pdb", one.Pdb), dir.Write("b.pdb", two.Pdb)).Root.All().ToList();
        Assert.Contains(nodes, d => d.Field == "documents" && d.Causes.Any(c => c.Kind == CauseKind.EmbeddedHash));
        var points = Assert.Single(nodes, d => d.Field?.StartsWith("sequence points of ", StringComparison.Ordinal) == true);
        Assert.Contains("+IL_0000 /src/C.cs:2:", points.UnifiedDiff, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pdb_against_an_image_is_a_format_difference_compared_as_bytes()
    {
        var one = CSharpBuild.CompileWithPdb(Source, "/src/C.cs");
        using var dir = new TempDir();
        var root = Diff.Run(dir.Write("a.pdb", one.Pdb), dir.Write("b.dll", one.Image)).Root!;
        Assert.Contains(root.Children, d => d.Field == "format" && d.Left == "portable-pdb" && d.Right == "pe");
        Assert.Contains(root.Children, d => d.Kind == DifferenceKind.Binary);
    }

    [Fact]
    public void A_corrupt_standalone_pdb_is_unreadable()
    {
        var one = CSharpBuild.CompileWithPdb(Source, "/src/C.cs");
        var corrupt = one.Pdb[..64];
        using var dir = new TempDir();
        var root = Diff.Run(dir.Write("a.pdb", one.Pdb), dir.Write("b.pdb", corrupt)).Root!;
        Assert.Contains(root.Comments, c => c.StartsWith("unreadable as pe: second file", StringComparison.Ordinal));
        Assert.Contains(root.Children, d => d.Kind == DifferenceKind.Binary);
    }
}

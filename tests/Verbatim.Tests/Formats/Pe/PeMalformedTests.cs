using System.Buffers.Binary;
using Verbatim.Core.Model;
using Verbatim.Formats.Engine;
using Verbatim.Tests.Support;

namespace Verbatim.Tests.Formats.Pe;

public class PeMalformedTests
{
    private const string Source = "namespace Demo; public class C { public string M() => \"text\"; }";

    [Fact]
    public void A_truncated_image_is_unreadable_and_compared_as_bytes()
    {
        var image = CSharpBuild.Compile(Source);
        var comment = Unreadable(image, image[..(image.Length / 2)]);
        Assert.Contains("second file", comment, StringComparison.Ordinal);
    }

    [Fact]
    public void An_image_cut_inside_the_headers_is_unreadable()
    {
        var image = CSharpBuild.Compile(Source);
        Unreadable(image[..200], image[..210]);
    }

    [Fact]
    public void An_mz_header_with_a_bogus_e_lfanew_is_unreadable()
    {
        var a = new byte[256];
        a[0] = (byte)'M';
        a[1] = (byte)'Z';
        BinaryPrimitives.WriteUInt32LittleEndian(a.AsSpan(0x3C), 0x7FFFFFF0);
        var b = (byte[])a.Clone();
        b[100] = 1;
        Unreadable(a, b);
    }

    [Fact]
    public void An_overwritten_metadata_signature_is_unreadable()
    {
        var image = CSharpBuild.Compile(Source);
        var corrupt = (byte[])image.Clone();
        var at = corrupt.AsSpan().IndexOf("BSJB"u8);
        "XXXX"u8.CopyTo(corrupt.AsSpan(at));
        var comment = Unreadable(image, corrupt);
        Assert.Contains("second file", comment, StringComparison.Ordinal);
    }

    [Fact]
    public void A_metadata_stream_header_pointing_outside_the_metadata_is_unreadable()
    {
        var image = CSharpBuild.Compile(Source);
        var corrupt = (byte[])image.Clone();
        var root = corrupt.AsSpan().IndexOf("BSJB"u8);
        var versionLength = BinaryPrimitives.ReadInt32LittleEndian(corrupt.AsSpan(root + 12));
        var firstStream = root + 16 + versionLength + 4;
        BinaryPrimitives.WriteInt32LittleEndian(corrupt.AsSpan(firstStream), 0x7FFFFFF0);
        Unreadable(image, corrupt);
    }

    [Fact]
    public void A_corrupt_embedded_pdb_is_compared_as_bytes_while_the_rest_is_compared()
    {
        var image = CSharpBuild.Compile(Source);
        var corrupt = (byte[])image.Clone();
        var at = corrupt.AsSpan().IndexOf("MPDB"u8);
        for (var i = 12; i < 40; i++)
        {
            corrupt[at + i] ^= 0x5A;
        }

        using var dir = new TempDir();
        var result = Diff.Run(dir.Write("a.dll", image), dir.Write("b.dll", corrupt));
        var nodes = result.Root.All().ToList();
        var pdb = Assert.Single(nodes, d => d.Field == "embedded portable PDB");
        Assert.Equal(DifferenceKind.Binary, pdb.Kind);
        Assert.Contains(pdb.Comments, c => c.StartsWith("unreadable as a portable PDB", StringComparison.Ordinal));
        Assert.Empty(result.Root!.Comments);
    }

    [Fact]
    public void Text_that_starts_with_mz_is_not_taken_for_an_image()
    {
        using var dir = new TempDir();
        var path = dir.Write("mz.txt", "MZ is a pair of letters, and this is a line of text that is long enough to look like a DOS header.\n");
        var input = new Input(path, Verbatim.Core.IO.FileContent.Of(path));
        Assert.False(new Verbatim.Formats.Pe.PeFormat().Recognizes(input));
    }

    private static string Unreadable(byte[] left, byte[] right)
    {
        using var dir = new TempDir();
        var result = Diff.Run(dir.Write("a.dll", left), dir.Write("b.dll", right));
        var root = result.Root!;
        var comment = Assert.Single(root.Comments, c => c.StartsWith("unreadable as pe: ", StringComparison.Ordinal));
        Assert.EndsWith("; compared as bytes", comment, StringComparison.Ordinal);
        Assert.Contains(root.Children, c => c.Kind == DifferenceKind.Binary);
        return comment;
    }
}

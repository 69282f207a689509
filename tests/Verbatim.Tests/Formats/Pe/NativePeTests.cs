using System.Buffers.Binary;
using Verbatim.Core.Model;
using Verbatim.Tests.Support;

namespace Verbatim.Tests.Formats.Pe;

/// <summary>Native images, made from a compiled assembly by removing its CLI header directory entry.</summary>
public class NativePeTests
{
    [Fact]
    public void Sections_of_a_native_image_are_compared_as_bytes_and_imports_as_text()
    {
        var image = Native();
        var other = (byte[])image.Clone();
        var import = other.AsSpan().IndexOf("_CorDllMain"u8);
        "_CorExeMain"u8.CopyTo(other.AsSpan(import));
        using var dir = new TempDir();
        var result = Diff.Run(dir.Write("a.dll", image), dir.Write("b.dll", other));
        var nodes = result.Root.All().ToList();
        Assert.DoesNotContain(nodes, d => d.Field == "module MVID");
        var section = Assert.Single(nodes, d => d.Field == "section .text");
        Assert.Equal(DifferenceKind.Binary, section.Kind);
        Assert.Single(section.HexRanges);
        var imports = Assert.Single(nodes, d => d.Field == "imports");
        Assert.Contains("-  _CorDllMain", imports.UnifiedDiff, StringComparison.Ordinal);
        Assert.Contains("+  _CorExeMain", imports.UnifiedDiff, StringComparison.Ordinal);
    }

    [Fact]
    public void Linker_version_and_checksum_carry_their_causes()
    {
        var image = Native();
        var other = (byte[])image.Clone();
        var optional = BinaryPrimitives.ReadInt32LittleEndian(image.AsSpan(0x3C)) + 24;
        other[optional + 2] = 14;
        BinaryPrimitives.WriteUInt32LittleEndian(other.AsSpan(optional + 64), 0x1234);
        using var dir = new TempDir();
        var nodes = Diff.Run(dir.Write("a.dll", image), dir.Write("b.dll", other)).Root.All().ToList();
        var linker = Assert.Single(nodes, d => d.Field == "linker version");
        Assert.Equal(CauseKind.ToolchainVersion, linker.Causes[0].Kind);
        Assert.Equal("14.0", linker.Right);
        var checksum = Assert.Single(nodes, d => d.Field == "checksum");
        Assert.Equal((CauseKind.EmbeddedHash, "0x1234"), (checksum.Causes[0].Kind, checksum.Right));
    }

    [Fact]
    public void A_managed_image_against_a_native_one_reports_the_cli_header()
    {
        var managed = CSharpBuild.Compile("public class C { }");
        var native = (byte[])managed.Clone();
        Strip(native);
        using var dir = new TempDir();
        var nodes = Diff.Run(dir.Write("a.dll", managed), dir.Write("b.dll", native)).Root.All().ToList();
        var header = Assert.Single(nodes, d => d.Field == "CLI header (.NET)");
        Assert.Equal("absent (native image)", header.Right);
    }

    [Fact]
    public void A_certificate_table_is_an_authenticode_signature_and_other_appended_data_an_overlay()
    {
        var image = Native();
        var optional = BinaryPrimitives.ReadInt32LittleEndian(image.AsSpan(0x3C)) + 24;
        byte[] Signed(byte fill, byte[] overlay)
        {
            var signed = new byte[image.Length + overlay.Length + 16];
            image.CopyTo(signed, 0);
            overlay.CopyTo(signed, image.Length);
            signed.AsSpan(image.Length + overlay.Length).Fill(fill);
            BinaryPrimitives.WriteInt32LittleEndian(signed.AsSpan(optional + 96 + (4 * 8)), image.Length + overlay.Length);
            BinaryPrimitives.WriteInt32LittleEndian(signed.AsSpan(optional + 96 + (4 * 8) + 4), 16);
            return signed;
        }

        using var dir = new TempDir();
        var nodes = Diff.Run(dir.Write("a.dll", Signed(1, [9, 9, 9, 9, 9, 9, 9, 9])), dir.Write("b.dll", Signed(2, [9, 9, 9, 7, 9, 9, 9, 9]))).Root.All().ToList();
        var signature = Assert.Single(nodes, d => d.Field == "Authenticode signature");
        Assert.Equal(CauseKind.EmbeddedHash, signature.Causes[0].Kind);
        Assert.StartsWith("16 bytes, SHA-256 ", signature.Left, StringComparison.Ordinal);
        var overlay = Assert.Single(nodes, d => d.Field == "overlay (data after the last section)");
        Assert.Equal(3, Assert.Single(overlay.HexRanges).Offset);
    }

    private static byte[] Native()
    {
        var image = CSharpBuild.Compile("namespace Demo; public class C { public int M() => 7; }");
        Strip(image);
        return image;
    }

    /// <summary>Zeroes the CLI header data directory (number 14) of a PE32 image.</summary>
    private static void Strip(byte[] image)
    {
        var optional = BinaryPrimitives.ReadInt32LittleEndian(image.AsSpan(0x3C)) + 24;
        Assert.Equal(0x10b, BinaryPrimitives.ReadUInt16LittleEndian(image.AsSpan(optional)));
        image.AsSpan(optional + 96 + (14 * 8), 8).Clear();
    }
}

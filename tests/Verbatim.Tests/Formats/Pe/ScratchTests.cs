using System.Buffers.Binary;
using Verbatim.Tests.Support;

namespace Verbatim.Tests.Formats.Pe;

public class ScratchTests
{
    [Fact]
    public void Dump()
    {
        using var dir = new TempDir();
        var image = CSharpBuild.Compile("namespace Demo; public class C { public string M() => \"text\"; }");
        var text = new System.Text.StringBuilder();
        void Run(byte[] a, byte[] b) => text.Append(string.Join("\n", Diff.Run(dir.Write("a.dll", a), dir.Write("b.dll", b)).Root!.Comments)).Append('\n');
        Run(image, image[..(image.Length / 2)]);
        Run(image[..200], image[..210]);
        var m = new byte[256]; m[0] = (byte)'M'; m[1] = (byte)'Z'; BinaryPrimitives.WriteUInt32LittleEndian(m.AsSpan(0x3C), 0x7FFFFFF0); var m2 = (byte[])m.Clone(); m2[100] = 1;
        Run(m, m2);
        var c = (byte[])image.Clone(); "XXXX"u8.CopyTo(c.AsSpan(c.AsSpan().IndexOf("BSJB"u8))); Run(image, c);
        var s = (byte[])image.Clone(); var root = s.AsSpan().IndexOf("BSJB"u8); var vl = BinaryPrimitives.ReadInt32LittleEndian(s.AsSpan(root + 12)); BinaryPrimitives.WriteInt32LittleEndian(s.AsSpan(root + 16 + vl + 4), 0x7FFFFFF0); Run(image, s);
        var p = (byte[])image.Clone(); var at = p.AsSpan().IndexOf("MPDB"u8); for (var i = 12; i < 40; i++) { p[at + i] ^= 0x5A; }
        text.Append(Diff.Run(dir.Write("a.dll", image), dir.Write("b.dll", p)).Text());
        File.WriteAllText("/tmp/pe-dump1.txt", text.ToString());
    }
}

using System.Buffers.Binary;
using Verbatim.Tests.Support;

namespace Verbatim.Tests.Formats.Pe;

public class PeGoldenTests
{
    /// <summary>
    /// Two non-deterministic builds differ only in the MVID and the COFF time stamp. The fixture is made stable by
    /// writing fixed values over both (1704067200 = 2024-01-01 and an hour later).
    /// </summary>
    [Fact]
    public void Mvid_and_timestamp_report()
    {
        var image = CSharpBuild.Compile("namespace Demo; public static class Util { public static int One() => 1; }", deterministic: false, pdb: null);
        var mvid = CSharpBuild.MvidOffset(image);
        var stamp = BinaryPrimitives.ReadInt32LittleEndian(image.AsSpan(0x3C)) + 8;
        var a = (byte[])image.Clone();
        var b = (byte[])image.Clone();
        new Guid("11111111-2222-4333-8444-555555555555").TryWriteBytes(a.AsSpan(mvid));
        new Guid("66666666-7777-4888-8999-aaaaaaaaaaaa").TryWriteBytes(b.AsSpan(mvid));
        BinaryPrimitives.WriteUInt32LittleEndian(a.AsSpan(stamp), 1704067200);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(stamp), 1704070800);
        using var dir = new TempDir();
        var text = Diff.Run(dir.Write("a.dll", a), dir.Write("b.dll", b)).Text().Replace(dir.Path, "<dir>", StringComparison.Ordinal);
        const string expected = """
            verbatim diff: 2 differences in 1 member; causes: embedded timestamp (1), random identifier (1)
            --- <dir>/a.dll
            +++ <dir>/b.dll
            ├── COFF TimeDateStamp: 2024-01-01 00:00:00 UTC (1704067200) → 2024-01-01 01:00:00 UTC (1704070800)
            │   │ ⚑ cause: embedded timestamp — the build time is recorded in the COFF header's TimeDateStamp (compile with /deterministic, or link with /Brepro, to replace it by a content hash) (2024-01-01 00:00:00 UTC (1704067200) → 2024-01-01 01:00:00 UTC (1704070800))
            └── module MVID: 11111111-2222-4333-8444-555555555555 → 66666666-7777-4888-8999-aaaaaaaaaaaa
                │ ⚑ cause: random identifier — a random module version id is generated per build unless compiled with /deterministic (11111111-2222-4333-8444-555555555555 → 66666666-7777-4888-8999-aaaaaaaaaaaa)

            """;
        Assert.Equal(expected, text);
    }
}

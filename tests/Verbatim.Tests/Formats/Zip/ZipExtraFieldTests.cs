using Verbatim.Core.Model;
using Verbatim.Formats.Zip;

namespace Verbatim.Tests.Formats.Zip;

public class ZipExtraFieldTests
{
    private static byte[] Block(ushort id, params byte[] data) => [(byte)id, (byte)(id >> 8), (byte)data.Length, (byte)(data.Length >> 8), .. data];

    private static byte[] Le32(uint v) => BitConverter.GetBytes(v);

    [Fact]
    public void Extended_timestamp_decodes_each_time_present()
    {
        var fields = ZipExtraFields.Describe(Block(0x5455, [7, .. Le32(1700000000), .. Le32(1700000100), .. Le32(1700000200)]));
        Assert.Equal(["mtime (extra 0x5455)", "atime (extra 0x5455)", "ctime (extra 0x5455)"], fields.Select(f => f.Name));
        Assert.Equal("2023-11-14 22:13:20 UTC (1700000000)", fields[0].Value);
        Assert.All(fields, f => Assert.Equal(CauseKind.Timestamp, f.Cause));
    }

    [Fact]
    public void Unix_owner_fields_are_ownership()
    {
        var fields = ZipExtraFields.Describe([.. Block(0x7875, [1, 4, .. Le32(1000), 4, .. Le32(100)]), .. Block(0x5855, [.. Le32(1700000000), .. Le32(1700000001), 0xE8, 0x03, 0x64, 0x00])]);
        var owner = Assert.Single(fields, f => f.Name == "uid/gid (extra 0x7875)");
        Assert.Equal("uid 1000, gid 100", owner.Value);
        Assert.Equal(CauseKind.Ownership, owner.Cause);
        Assert.Contains(fields, f => f.Name == "uid/gid (extra 0x5855)" && f.Value == "uid 1000, gid 100");
        Assert.Contains(fields, f => f.Name == "mtime (extra 0x5855)" && f.Cause == CauseKind.Timestamp);
    }

    [Fact]
    public void Unknown_blocks_are_listed_by_id_and_length_and_stray_bytes_noted()
    {
        var fields = ZipExtraFields.Describe([.. Block(0xcafe), .. Block(0x1234, 0xAB, 0xCD), .. Block(0x1234, 1), 0x99]);
        Assert.Contains(fields, f => f.Name == "extra 0xcafe" && f.Value == "0 bytes");
        Assert.Contains(fields, f => f.Name == "extra 0x1234" && f.Value == "2 bytes: abcd");
        Assert.Contains(fields, f => f.Name == "extra 0x1234 #2" && f.Value == "1 byte: 01");
        Assert.Contains(fields, f => f.Name == "extra field" && f.Value.Contains("1 stray bytes", StringComparison.Ordinal));
    }

    [Fact]
    public void Central_copies_are_shown_only_when_they_add_or_disagree()
    {
        var local = Block(0x5455, [3, .. Le32(1700000000), .. Le32(1700000100)]);
        var central = Block(0x5455, [3, .. Le32(1700000000)]);
        var merged = ZipExtraFields.Merge(local, central).ToList();
        Assert.Equal(["mtime (extra 0x5455)", "atime (extra 0x5455)"], merged.Select(f => f.Name));
        var other = ZipExtraFields.Merge(local, Block(0x5455, [1, .. Le32(1600000000)])).ToList();
        Assert.Contains(other, f => f.Name == "mtime (extra 0x5455) (central)");
    }
}

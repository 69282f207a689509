using Verbatim.Core.IO;

namespace Verbatim.Archives.Tar;

/// <summary>One member to write to a tar: its raw name, type, numbers, owners and data.</summary>
public sealed record TarItem
{
    public required byte[] Name { get; init; }

    public required byte TypeFlag { get; init; }

    public required long Mode { get; init; }

    public required long Mtime { get; init; }

    public long Uid { get; init; }

    public long Gid { get; init; }

    public byte[] Uname { get; init; } = [];

    public byte[] Gname { get; init; } = [];

    public byte[] LinkName { get; init; } = [];

    public long DevMajor { get; init; }

    public long DevMinor { get; init; }

    /// <summary>Other pax records to write (not path, linkpath, size, uid, gid, uname, gname: those are written from the fields).</summary>
    public IReadOnlyList<KeyValuePair<string, byte[]>> Pax { get; init; } = [];

    public required IContent Data { get; init; }
}

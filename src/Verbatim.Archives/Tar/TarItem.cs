using Verbatim.Core.IO;

namespace Verbatim.Archives.Tar;

/// <summary>One member to write to a normalized tar: its raw name, type, numbers and data.</summary>
public sealed record TarItem
{
    public required byte[] Name { get; init; }

    public required byte TypeFlag { get; init; }

    public required long Mode { get; init; }

    public required long Mtime { get; init; }

    public byte[] LinkName { get; init; } = [];

    public long DevMajor { get; init; }

    public long DevMinor { get; init; }

    /// <summary>Pax records kept (no times, owners, path or size: those are written from the fields), sorted by key.</summary>
    public IReadOnlyList<KeyValuePair<string, byte[]>> Pax { get; init; } = [];

    public required IContent Data { get; init; }
}

using Verbatim.Core.IO;

namespace Verbatim.Formats.Members;

/// <summary>
/// A member of a container (an archive entry, a file in a directory) as the container's reader yields it. The name
/// is for matching and display only: it is never used as a file-system path. Disposing releases spooled content.
/// </summary>
public sealed class Member : IDisposable
{
    public required string Name { get; init; }

    public MemberType Type { get; init; } = MemberType.File;

    public IReadOnlyList<MemberField> Fields { get; init; } = [];

    /// <summary>The member's bytes, for regular files (null for directories, links, devices).</summary>
    public IContent? Content { get; init; }

    public string? LinkTarget { get; init; }

    /// <summary>Set when the reader could not read this member's content: why. Its metadata is still compared.</summary>
    public string? Unreadable { get; init; }

    /// <summary>
    /// For a member whose content was not read (refused, not supported): its bytes as stored (compressed), so that
    /// two such members stored identically are known to be identical without expanding them.
    /// </summary>
    public IContent? RawData { get; init; }

    /// <summary>What <see cref="RawData"/> is (e.g. the compression method); raw data of different kinds is never compared.</summary>
    public string? RawDataKind { get; init; }

    public void Dispose() => (Content as IDisposable)?.Dispose();
}

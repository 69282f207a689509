
namespace Verbatim.Archives.Tar;

/// <summary>
/// One member of a tar archive as read from its header(s), with any pax records and GNU long names applied.
/// Values are kept raw (numbers, record text); <see cref="TarMembers"/> turns them into readable member fields.
/// </summary>
public sealed class TarEntry
{
    /// <summary>The member's name for display and matching (never a file-system path).</summary>
    public required string Name { get; init; }

    public required byte TypeFlag { get; init; }

    public required TarEntryType Type { get; init; }

    /// <summary>ustar, gnu, pax (a ustar header preceded by a pax extended header) or v7.</summary>
    public required string Format { get; init; }

    public required long Mode { get; init; }

    public required long Uid { get; init; }

    public required long Gid { get; init; }

    public required string Uname { get; init; }

    public required string Gname { get; init; }

    /// <summary>The modification time: the header's seconds, or the pax record's exact text when there is one.</summary>
    public required string Mtime { get; init; }

    public string? Atime { get; init; }

    public string? Ctime { get; init; }

    public string? LinkTarget { get; init; }

    public (long Major, long Minor)? Device { get; init; }

    /// <summary>Pax records other than the ones applied to the fields above, in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> OtherPax { get; init; } = [];

    /// <summary>Offset of the member's data in the archive.</summary>
    public required long DataOffset { get; init; }

    /// <summary>Bytes of data stored in the archive for this member.</summary>
    public required long Size { get; init; }

    /// <summary>A GNU sparse file: the stored data is not the file's contents.</summary>
    public bool Sparse { get; init; }
}

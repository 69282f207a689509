namespace Verbatim.Archives.Tar;

/// <summary>What a tar member is, from its type flag (and, for old archives, a name ending in <c>/</c>).</summary>
public enum TarEntryType
{
    File,
    Directory,
    Symlink,
    Hardlink,
    CharacterDevice,
    BlockDevice,
    Fifo,
    Other,
}

namespace Verbatim.Formats.Members;

/// <summary>The kind of a container member or directory entry.</summary>
public enum MemberType
{
    File,
    Directory,
    Symlink,
    Hardlink,
    CharacterDevice,
    BlockDevice,
    Fifo,
    Socket,
    Other,
}

namespace Verbatim.Archives.Ar;

/// <summary>One member of an ar archive: its decoded header and where its data lies in the archive.</summary>
public sealed record ArEntry(
    string Name,
    ArEntryKind Kind,
    long HeaderOffset,
    long Mtime,
    long Uid,
    long Gid,
    long Mode,
    long DataOffset,
    long Size);

namespace Verbatim.Formats.Elf;

/// <summary>One decoded note: its owner and type, a readable label (<c>build-id</c>, <c>ABI tag</c> …) and value.</summary>
internal sealed record ElfNote(string Owner, uint Type, string Label, string Value)
{
    public bool IsBuildId => Owner == "GNU" && Type == ElfNotes.GnuBuildId;

    public bool IsPackage => Owner == "FDO" && Type == ElfNotes.FdoPackagingMetadata;

    /// <summary>Pairs notes of two sides: the same owner and type, the n-th of each.</summary>
    public string Key => $"{Owner}/{Type}";
}

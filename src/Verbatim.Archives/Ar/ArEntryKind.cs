namespace Verbatim.Archives.Ar;

/// <summary>What an ar member holds: a file, or the archive's own symbol table (GNU <c>/</c> or <c>/SYM64/</c>).</summary>
public enum ArEntryKind
{
    File,
    SymbolTable,
    SymbolTable64,
}

namespace Verbatim.Normalize.Engine;

/// <summary>What happened to one file.</summary>
public enum NormalizeStatus
{
    /// <summary>Already normalized: nothing written.</summary>
    Unchanged,

    /// <summary>Rewritten (or written to the output path).</summary>
    Changed,

    /// <summary>Check mode: it would be rewritten.</summary>
    WouldChange,

    /// <summary>Corrupt, truncated, encrypted, unsupported or unreadable: left untouched, nothing written.</summary>
    Failed,
}

namespace Verbatim.Common.Identity;

/// <summary>The order in which the steps see a directory's entries when they list the workspace.</summary>
public enum FileOrder
{
    /// <summary>The file system's own order: nothing is put between the steps and the workspace.</summary>
    Native,

    /// <summary>Every listing reversed (the workspace seen through disorderfs <c>--reverse-dirents</c>).</summary>
    Reversed,

    /// <summary>Every listing shuffled anew (disorderfs <c>--shuffle-dirents</c>).</summary>
    Shuffled,
}

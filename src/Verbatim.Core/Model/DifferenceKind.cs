namespace Verbatim.Core.Model;

/// <summary>What a node of the difference tree describes.</summary>
public enum DifferenceKind
{
    /// <summary>Two inputs (files, members, sections) that differ; the children say how.</summary>
    Node,

    /// <summary>A named field (header value, attribute, property) with different values.</summary>
    Field,

    /// <summary>A line-based comparison, carried as a unified diff.</summary>
    Text,

    /// <summary>A byte-level comparison, carried as the differing byte ranges.</summary>
    Binary,

    /// <summary>Present only on the second side.</summary>
    Added,

    /// <summary>Present only on the first side.</summary>
    Removed,

    /// <summary>The same members appear in a different order.</summary>
    Order,
}

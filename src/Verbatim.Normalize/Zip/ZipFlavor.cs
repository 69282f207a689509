using Verbatim.Normalize.Engine;

namespace Verbatim.Normalize.Zip;

/// <summary>
/// What distinguishes one member of the zip family when normalizing: how it is recognised, which entries a consumer
/// requires first, and any rewriting of entries whose names or contents hold random or derived data.
/// </summary>
internal abstract class ZipFlavor
{
    public abstract string Name { get; }

    /// <summary>File name endings (lower case, with the dot) that select this flavor.</summary>
    public virtual IReadOnlyList<string> Extensions => [];

    /// <summary>True when the start of the archive says it is this flavor, whatever its name.</summary>
    public virtual bool MatchesHead(ReadOnlySpan<byte> head) => false;

    /// <summary>The sort key of an entry name: entries are written in ordinal order of (rank, name).</summary>
    public virtual int Rank(string name) => 0;

    /// <summary>Entries that must be stored (not compressed), such as ODF's <c>mimetype</c>.</summary>
    public virtual bool MustStore(string name) => false;

    /// <summary>Renames entries and replaces contents after the members themselves were normalized.</summary>
    public virtual void Rewrite(List<ZipPending> entries, List<Change> changes)
    {
    }
}

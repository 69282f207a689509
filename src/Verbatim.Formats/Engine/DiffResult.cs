using Verbatim.Core.Model;

namespace Verbatim.Formats.Engine;

/// <summary>The outcome of comparing two paths: the difference tree (null when identical) and its summary.</summary>
public sealed record DiffResult(string Path1, string Path2, Difference? Root)
{
    public bool Identical => Root is null;

    public DiffSummary Summary { get; } = DiffSummary.Of(Root);
}

using System.IO.Enumeration;
using Verbatim.Core.IO;
using Verbatim.Core.Model;

namespace Verbatim.Formats.Engine;

/// <summary>
/// What a format needs while comparing: the limits, the spool budget, the depth it is at, and the way back into
/// the engine for members. One context per depth; <see cref="Deeper"/> makes the next.
/// </summary>
public sealed class ComparisonContext
{
    private readonly DiffEngine engine;

    internal ComparisonContext(DiffEngine engine, DiffOptions options, SpoolBudget spool, ReportBudget report, int depth, CancellationToken cancellationToken)
    {
        this.engine = engine;
        Options = options;
        Spool = spool;
        Report = report;
        Depth = depth;
        CancellationToken = cancellationToken;
    }

    public DiffOptions Options { get; }

    public SpoolBudget Spool { get; }

    public ReportBudget Report { get; }

    /// <summary>0 for the top-level inputs, 1 for their members, and so on.</summary>
    public int Depth { get; }

    public CancellationToken CancellationToken { get; }

    public FormatRegistry Registry => engine.Registry;

    /// <summary>The context for the members of the inputs compared in this one.</summary>
    public ComparisonContext Deeper() => new(engine, Options, Spool, Report, Depth + 1, CancellationToken);

    /// <summary>Compares two members (in the context one level deeper); null when they are identical.</summary>
    public Task<Difference?> CompareAsync(Input left, Input right) => engine.CompareAsync(left, right, Deeper());

    /// <summary>Whether a member path is excluded by <see cref="DiffOptions.Excludes"/>.</summary>
    public bool IsExcluded(string memberPath)
    {
        foreach (var glob in Options.Excludes)
        {
            if (FileSystemName.MatchesSimpleExpression(glob, memberPath, ignoreCase: false) ||
                FileSystemName.MatchesSimpleExpression(glob, System.IO.Path.GetFileName(memberPath.TrimEnd('/')), ignoreCase: false))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Reads a non-seekable stream into a spool charged to this run's budget.</summary>
    public Spool SpoolFrom(Stream stream, long? expectedLength = null) => Core.IO.Spool.From(stream, Spool, expectedLength, CancellationToken);
}

using System.Runtime.CompilerServices;
using Verbatim.Core.Causes;
using Verbatim.Core.IO;
using Verbatim.Core.Model;
using Verbatim.Formats.Binary;
using Verbatim.Formats.Directory;
using Verbatim.Formats.Text;

namespace Verbatim.Formats.Engine;

/// <summary>
/// Compares two files or directories and builds the difference tree. It recognises identical inputs by size and
/// bytes before any analysis, picks the format from the registry, bounds depth, expansion and time per member,
/// and falls back to comparing bytes (with a comment saying why) whenever a format cannot read an input.
/// </summary>
public sealed class DiffEngine(FormatRegistry registry, DiffOptions options)
{
    public FormatRegistry Registry { get; } = registry;

    public DiffOptions Options { get; } = options;

    public async Task<DiffResult> CompareAsync(string path1, string path2, CancellationToken cancellationToken = default)
    {
        using var temp = TempArea.Create();
        var pipes = new SpoolBudget(temp, Options.MemoryBudgetBytes, Options.MaxMemberBytes, long.MaxValue);
        var input1 = TopLevelInput.Resolve(path1, pipes, cancellationToken);
        using var spooled1 = input1.Content as IDisposable;
        var input2 = TopLevelInput.Resolve(path2, pipes, cancellationToken);
        using var spooled2 = input2.Content as IDisposable;
        var spool = new SpoolBudget(temp, Options.MemoryBudgetBytes, Options.MaxMemberBytes, Options.MaxExpansionBytes)
        {
            ExpansionRatio = Options.MaxExpansionRatio,
            MinExpansionBytes = Options.MinExpansionBytes,
        };
        spool.AddInput((input1.Content?.Length ?? 0) + (input2.Content?.Length ?? 0));
        path1 = input1.DisplayPath;
        path2 = input2.DisplayPath;
        var context = new ComparisonContext(this, Options, spool, new ReportBudget(Options.MaxReportBytes), 0, cancellationToken);
        Difference? root;
        if (input1.IsDirectory && input2.IsDirectory)
        {
            root = await DirectoryComparer.CompareAsync(path1, input1.Raw, path2, input2.Raw, context).ConfigureAwait(false);
        }
        else if (!input1.IsDirectory && !input2.IsDirectory)
        {
            root = await CompareAsync(new Input(path1, input1.Content!), new Input(path2, input2.Content!), context).ConfigureAwait(false);
        }
        else
        {
            root = new Difference
            {
                Path1 = path1,
                Path2 = path2,
                Kind = DifferenceKind.Node,
                Children = [Difference.ForField(path1, path2, "file type", KindName(input1), KindName(input2))],
            };
        }

        return new DiffResult(path1, path2, CauseEvidence.Resolve(root));

        static string KindName(TopLevelInput input) => input.IsDirectory ? "directory" : "file";
    }

    /// <summary>Compares two inputs at the depth of <paramref name="context"/>; null when they are identical.</summary>
    internal async Task<Difference?> CompareAsync(Input left, Input right, ComparisonContext context)
    {
        // Nesting recurses through the formats: every few levels, go on from a fresh thread-pool stack, so that
        // no depth (--max-depth 1000) overflows the stack.
        if (context.Depth % StackHop == StackHop - 1 || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            return await Task.Run(() => CompareHereAsync(left, right, context)).ConfigureAwait(false);
        }

        return await CompareHereAsync(left, right, context).ConfigureAwait(false);
    }

    /// <summary>How many levels of nesting share one thread's stack.</summary>
    private const int StackHop = 16;

    private async Task<Difference?> CompareHereAsync(Input left, Input right, ComparisonContext context)
    {
        context.CancellationToken.ThrowIfCancellationRequested();
        try
        {
            if (ContentEquality.AreEqual(left.Content, right.Content, context.CancellationToken))
            {
                return null;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Never "identical" for want of reading: say so, as a difference.
            return new Difference
            {
                Path1 = left.Path,
                Path2 = right.Path,
                Kind = DifferenceKind.Node,
                Comments = [$"cannot be compared: reading failed ({Reasons.ForIo(e)})"],
            };
        }

        var comments = new List<string>();
        var children = new List<Difference>();
        IReadOnlyList<Cause> causes = [];
        string? formatName = null;
        if (context.Depth > Options.MaxDepth)
        {
            comments.Add($"not opened: deeper than --max-depth {Options.MaxDepth}; compared as bytes");
        }
        else
        {
            var formatLeft = Detect(left, comments);
            var formatRight = Detect(right, comments);
            if (formatLeft is not null && formatLeft == formatRight)
            {
                formatName = formatLeft.Name;
                var found = await CompareAsAsync(formatLeft, left, right, context, comments).ConfigureAwait(false);
                if (found is [{ Kind: DifferenceKind.Node } self] && self.Path1 == left.Path && self.Path2 == right.Path)
                {
                    // A format gives causes to the inputs as a whole by returning a node for them: merge it into this one.
                    causes = self.Causes;
                    comments.AddRange(self.Comments);
                    found = self.Children;
                }

                children.AddRange(found);
            }
            else if (formatLeft != formatRight)
            {
                children.Add(Difference.ForField(left.Path, right.Path, "format", formatLeft?.Name ?? "data", formatRight?.Name ?? "data"));
            }

            if (formatName is not null && children.Count == 0 && comments.Count == 0)
            {
                comments.Add($"no differences found as {formatName}; compared as bytes");
            }
        }

        if (children.All(c => c.Kind == DifferenceKind.Field && c.Field == "format"))
        {
            var timedOut = comments.Any(c => c.Contains("(--member-timeout)", StringComparison.Ordinal));
            children.Add(await FallbackAsync(left, right, context, bytesOnly: timedOut || formatName == "text", comments).ConfigureAwait(false));
        }

        return new Difference
        {
            Path1 = left.Path,
            Path2 = right.Path,
            Kind = DifferenceKind.Node,
            Format = formatName,
            Comments = comments,
            Causes = causes,
            Children = children,
        };
    }

    private IFormat? Detect(Input input, List<string> comments)
    {
        try
        {
            return Registry.Detect(input);
        }
        catch (Exception e) when (e is IOException or MalformedInputException or LimitExceededException)
        {
            comments.Add($"{input.Path}: unreadable ({Reasons.For(e)}); compared as bytes");
            return null;
        }
    }

    private async Task<IReadOnlyList<Difference>> CompareAsAsync(IFormat format, Input left, Input right, ComparisonContext context, List<string> comments)
    {
        var (found, problem) = await BoundedAsync(format.Name, token => format.CompareAsync(left, right, Bounded(context, token)), context).ConfigureAwait(false);
        if (problem is not null)
        {
            comments.Add(problem);
        }

        return found ?? [];
    }

    private ComparisonContext Bounded(ComparisonContext context, CancellationToken token) => new(this, Options, context.Spool, context.Report, context.Depth, token);

    /// <summary>
    /// Runs one format's comparison within --member-timeout. A format that does not watch its cancellation token
    /// (a line diff in a library) is left to finish on its own; its result is not waited for.
    /// </summary>
    private async Task<(T? Result, string? Problem)> BoundedAsync<T>(string formatName, Func<CancellationToken, Task<T>> compare, ComparisonContext context)
        where T : class
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        var work = Task.Run(() => compare(timeout.Token));
        try
        {
            return (await work.WaitAsync(Options.MemberTimeout, context.CancellationToken).ConfigureAwait(false), null);
        }
        catch (TimeoutException)
        {
            await timeout.CancelAsync().ConfigureAwait(false);
            _ = work.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            return (null, TimedOut(formatName));
        }
        catch (OperationCanceledException) when (!context.CancellationToken.IsCancellationRequested)
        {
            return (null, TimedOut(formatName));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return (null, $"unreadable as {formatName}: {Reasons.For(e)}; compared as bytes");
        }
    }

    private string TimedOut(string formatName) =>
        $"comparison as {formatName} took longer than {Options.MemberTimeout.TotalSeconds:0.#} s (--member-timeout); compared as bytes";

    /// <summary>Text inputs get a line diff (within --member-timeout), anything else the differing byte ranges.</summary>
    private async Task<Difference> FallbackAsync(Input left, Input right, ComparisonContext context, bool bytesOnly, List<string> comments)
    {
        var text = new TextFormat();
        if (!bytesOnly && text.Recognizes(left) && text.Recognizes(right))
        {
            var (found, problem) = await BoundedAsync(text.Name, token => text.CompareAsync(left, right, Bounded(context, token)), context).ConfigureAwait(false);
            if (problem is not null)
            {
                comments.Add(problem);
            }
            else if (found is [var one])
            {
                return one;
            }
            else if (found is { Count: > 1 })
            {
                return new Difference { Path1 = left.Path, Path2 = right.Path, Kind = DifferenceKind.Node, Format = "text", Children = found };
            }
        }

        try
        {
            return BinaryComparer.Compare(left, right, context);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new Difference { Path1 = left.Path, Path2 = right.Path, Kind = DifferenceKind.Binary, Comments = [$"bytes could not be read ({Reasons.ForIo(e)})"] };
        }
    }
}
